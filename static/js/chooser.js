// Loaded after htmx (both deferred, so before htmx's ready step): htmx must not inject its
// indicator <style>, which the Content-Security-Policy (no inline styles) would refuse.
if (window.htmx) {
  htmx.config.includeIndicatorStyles = false;
}

// Enter in a search box (a chooser's, or the proposal table's group search: [data-search-box])
// runs its search, as in any search box, instead of submitting the form: the form's default
// button (templates/includes/default_submit.html) saves, which is right for every other field.
// Without JavaScript Enter saves there too, and the box's Search button is there to click.
// A page may load this file twice (a form's media rendered twice): one listener all the same.
if (!window.chooserSearchOnEnter) {
  window.chooserSearchOnEnter = true;
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key !== "Enter" || event.isComposing || !(box instanceof HTMLInputElement) ||
        !box.hasAttribute("data-search-box")) {
      return;
    }
    event.preventDefault();  // neither the implicit submission nor a second, native "search" event
    if (window.htmx) {
      htmx.trigger(box, "search");  // one of the box's hx-trigger events: its matches are swapped in
    } else {
      var button = box.parentElement.querySelector("button[type=submit]");
      if (button) {
        button.click();  // the search step without htmx: the page comes back with the matches
      }
    }
  });
}
