"""Read a page's form the way a browser would: its fields' names and current values."""
from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # list of {"action", "fields": {name: value}, "kinds": {name: kind}}
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action"), "method": (attrs.get("method") or "get").lower(),
                          "enctype": attrs.get("enctype", ""), "fields": {}, "kinds": {}, "options": {}}
            self.forms.append(self._form)
            return
        if self._form is None or "name" not in attrs and tag not in ("option",):
            if tag == "option" and self._select is not None:
                pass
            elif tag != "option":
                return
        form = self._form
        if form is None:
            return
        if tag == "input":
            name, kind = attrs["name"], attrs.get("type", "text")
            form["kinds"][name] = kind
            if kind in ("checkbox", "radio"):
                form["options"].setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    form["fields"][name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                form["fields"][name] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            form["kinds"][self._textarea] = "textarea"
            form["fields"][self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
            form["kinds"][self._select] = "select"
            form["options"][self._select] = []
            form["fields"].setdefault(self._select, "")
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            form["options"][self._select].append(value)
            if "selected" in attrs:
                form["fields"][self._select] = value

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
                self._form["fields"][self._textarea] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select":
            self._select = None


def page_forms(html):
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def main_form(html):
    """The page's editing form: the POST form with the most fields (not the logout or language forms)."""
    forms = [form for form in page_forms(html) if form["method"] == "post"]
    return max(forms, key=lambda form: len(form["kinds"]))
