"""The site's side of perf/mail-client-trial.sh, over plain HTTP as a person uses it, standard library only.

    mail_client_trial.py inquire BASE NAME EMAIL
        fills in and sends the public inquiry form (/inquiry) as NAME <EMAIL>; exits 1 unless it is accepted
    mail_client_trial.py timeline BASE ADMIN_EMAIL ADMIN_PASSWORD NAME STATE_DIR WAIT_SECONDS
        signs in as the administrator (the password, then the second step of perf/second_step.py), opens NAME's
        inquiry from the inbox, and waits up to WAIT_SECONDS for the patient's answer on its timeline; prints the
        answer's entry (its new text, and the folded history and signature) and exits 0, or exits 1 if none came
"""
import html
import html.parser
import http.cookiejar
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import second_step  # noqa: E402  (beside this script)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def request(self, url, form=None):
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        try:
            with self.opener.open(urllib.request.Request(url, data=data), timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")


class Form(html.parser.HTMLParser):
    """The fields of the form that posts to ACTION, as a browser sends them untouched (the first radio chosen)."""

    def __init__(self, page, action):
        super().__init__()
        self.action, self.inside, self.fields, self.select, self.textarea = action, False, {}, None, None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action", "").split("?")[0] == self.action and a.get("method", "get").lower() == "post"
        elif not self.inside:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "radio":
                self.fields.setdefault(a["name"], a.get("value", "on"))
            elif kind == "checkbox":
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and ("selected" in a or self.select not in self.fields):
            self.fields[self.select] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.fields[self.textarea] = ""

    def handle_data(self, data):
        if self.inside and self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def inquire(base, name, email):
    visitor = Browser()
    status, _, page = visitor.request(base + "/inquiry")
    if status != 200:
        sys.exit(f"the inquiry form answered {status}")
    form = Form(page, "/inquiry").fields
    form.update({"name": name, "email": email, "phone": "905-555-0142", "consent": "true",
                 "message": "My lower back hurts after gardening. Do you have an opening next week?"})
    time.sleep(4)  # the form takes a post sooner than 3 s after it was shown for a bot's
    status, headers, _ = visitor.request(base + "/inquiry", form)
    where = headers.get("Location", "") if headers else ""
    print(f"inquiry sent as {name} <{email}>: {status} to {where}")
    return 0 if status == 303 else 1


def text_of(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def timeline(base, admin, password, name, state_dir, wait_seconds):
    staff = Browser()
    _, _, page = staff.request(base + "/login")
    token = Form(page, "/login").fields.get("_csrf")
    staff.request(base + "/login", {"_csrf": token, "email": admin, "password": password})
    status, headers, _ = second_step.complete(staff.request, base, os.path.join(state_dir, "second-step.json"))
    print(f"signed in as {admin}: {status} to {headers.get('Location', '') if headers else ''}")
    status, _, inbox = staff.request(base + "/staff/inquiries")
    found = re.search(r'href="(/staff/inquiries/\d+)">\s*<span>' + re.escape(html.escape(name)) + "<", inbox)
    if not found:
        print(f"no inquiry from {name} in the inbox (status {status})")
        return 1
    path = found.group(1)
    deadline = time.time() + wait_seconds
    while True:
        status, _, page = staff.request(base + path)
        entries = re.findall(r'<li[^>]*class="[^"]*timeline__item[^"]*"[^>]*>(.*?)</li>', page, re.S)
        answers = [e for e in entries if "timeline__folded" in e and "timeline__quote" in e]
        if answers or time.time() > deadline:
            break
        time.sleep(1)  # the answer comes when the mailbox watcher takes it: looked at again until the deadline
    print(f"{base}{path}: {status}")
    if not answers:
        print("no answer on the timeline")
        return 1
    entry = answers[-1]
    quote = re.search(r'class="typed-text timeline__quote"[^>]*>(.*?)</div>', entry, re.S)
    folded = re.findall(r'<summary>(.*?)</summary>\s*<div class="typed-text">(.*?)</div>', entry, re.S)
    print("--- the answer on the timeline")
    print(text_of(re.sub(r"<(div|details).*", "", entry, flags=re.S)))
    print("--- its new text")
    print(text_of(quote.group(1)) if quote else "(none)")
    for summary, body in folded:
        print(f"--- folded: {text_of(summary)}")
        print(text_of(body))
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "inquire":
        sys.exit(inquire(*sys.argv[2:5]))
    sys.exit(timeline(*sys.argv[2:7], float(sys.argv[7])))
