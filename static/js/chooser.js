// Loaded after htmx (both deferred, so before htmx's ready step): htmx must not inject its
// indicator <style>, which the Content-Security-Policy (no inline styles) would refuse.
htmx.config.includeIndicatorStyles = false;
