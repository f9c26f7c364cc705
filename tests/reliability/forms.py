"""Read a page's form the way a browser would: its fields' names and current values, what it
sends when submitted, and its submit buttons in tree order (the first is the form's default
button, which Enter in a field "clicks": HTML's implicit submission)."""
from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        # list of {"action", "fields": {name: value}, "kinds": {name: kind}, "options",
        #          "pairs": [(name, value)] as sent, "submitters": [attrs of each submit button]}
        self.forms = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action"), "method": (attrs.get("method") or "get").lower(),
                          "enctype": attrs.get("enctype", ""), "fields": {}, "kinds": {}, "options": {},
                          "pairs": [], "submitters": []}
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        if tag == "button" and (attrs.get("type") or "submit").lower() == "submit" or \
                tag == "input" and attrs.get("type", "").lower() in ("submit", "image"):
            form["submitters"].append({"tag": tag, **attrs})
        if "name" not in attrs and tag != "option":
            return
        sent = "disabled" not in attrs
        if tag == "input":
            name, kind = attrs["name"], attrs.get("type", "text")
            form["kinds"][name] = kind
            if kind in ("checkbox", "radio"):
                form["options"].setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    form["fields"][name] = attrs.get("value", "on")
                    if sent:
                        form["pairs"].append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                form["fields"][name] = attrs.get("value", "")
                if sent:
                    form["pairs"].append((name, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            form["kinds"][self._textarea] = "textarea"
            form["fields"][self._textarea] = ""
        elif tag == "select":
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs, "values": [], "selected": []}
            form["kinds"][attrs["name"]] = "select"
            form["options"][attrs["name"]] = []
            form["fields"].setdefault(attrs["name"], "")
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select["values"].append(value)
            form["options"][self._select["name"]].append(value)
            if "selected" in attrs:
                self._select["selected"].append(value)
                form["fields"][self._select["name"]] = value

    def handle_data(self, data):
        if self._textarea is not None and self._form is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None and self._form is not None:
                # A browser drops the one newline that follows <textarea>.
                value = self._form["fields"][self._textarea]
                value = value[1:] if value.startswith("\n") else value
                self._form["fields"][self._textarea] = value
                self._form["pairs"].append((self._textarea, value))
            self._textarea = None
        elif tag == "select":
            select = self._select
            if select is not None and self._form is not None:
                # A single select with nothing marked selected sends its first option.
                chosen = select["selected"] if select["multiple"] else (select["selected"][-1:] or select["values"][:1])
                self._form["pairs"].extend((select["name"], value) for value in chosen)
            self._select = None


def page_forms(html):
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def main_form(html):
    """The page's editing form: the POST form with the most fields (not the logout or language forms)."""
    forms = [form for form in page_forms(html) if form["method"] == "post"]
    return max(forms, key=lambda form: len(form["kinds"]))


def default_button(form):
    """The form's default button: its first submit button in tree order."""
    return form["submitters"][0] if form["submitters"] else None


def implicit_submission(form, **typed):
    """What the browser posts when Enter is pressed in one of the form's text fields, after
    `typed` (name: value) was typed: the form's fields as they are, with the default button's
    name and value if it has a name. A dict of lists, for the test client."""
    data = {}
    for name, value in form["pairs"]:
        data.setdefault(name, []).append(value)
    for name, value in typed.items():
        data[name] = [value]
    button = default_button(form)
    if button is not None and button.get("name"):
        data.setdefault(button["name"], []).append(button.get("value", ""))
    return data
