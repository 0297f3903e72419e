"""The checks of perf/two-instances.sh, over plain HTTP to two instances sharing one PostgreSQL database.
Arguments: URL_A URL_B ADMIN_EMAIL ADMIN_PASSWORD MAIL_FOLDER RATE_LIMIT [FILL_SECONDS]: the last is the instances'
minimum fill time (clinic.inquiry.minimum-fill-time, 3 s as shipped when left out). Prints one line per check; exits 1
if any failed."""
import glob
import html.parser
import http.cookiejar
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import second_step  # noqa: E402  (beside this script)

A, B, ADMIN, PASSWORD, MAIL, RATE_LIMIT = sys.argv[1:7]
FILL_SECONDS = float(sys.argv[7]) if len(sys.argv) > 7 else 3.0
SECOND_STEP_STATE = os.path.join(os.path.dirname(os.path.abspath(MAIL)), "second-step.json")
RATE_LIMIT = int(RATE_LIMIT)
failures = 0


def check(what, ok, detail=""):
    global failures
    print(("  pass  " if ok else "  FAIL  ") + what + (f" ({detail})" if detail and not ok else ""))
    if not ok:
        failures += 1


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies shared across both instances, as one browser behind a round-robin proxy would send them."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, url, form=None):
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        try:
            with self.opener.open(urllib.request.Request(url, data=data), timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def session_cookie(self):
        return [c.value for c in self.jar if c.name == "JSESSIONID"]

    def use_cookie_of(self, other):
        for cookie in other.jar:
            # the cookie is for 127.0.0.1 whatever the port, as a browser keeps it for a host behind one proxy
            self.jar.set_cookie(cookie)


class Form(html.parser.HTMLParser):
    """The fields of the form that posts to ACTION, as a browser would send them untouched."""

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
            if kind in ("checkbox", "radio"):
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


def sign_in(browser, base, email, password):
    """Both steps, as a person signs in: the password, then (if it was right) a code from the authenticator app
    (second_step.py: enrolled on the first sign-in, the key kept in the mail folder's sibling state file)."""
    status, _, page = browser.request(base + "/login")
    token = Form(page, "/login").fields.get("_csrf")
    status, headers, body = browser.request(base + "/login", {"_csrf": token, "email": email, "password": password})
    if "error" in location(headers) or "throttled" in location(headers):
        return status, headers, body
    return second_step.complete(browser.request, base, SECOND_STEP_STATE)


def location(headers):
    return headers.get("Location", "") if headers else ""


# --- an inquiry posted to A appears in B's inbox -------------------------------------------------------------------
marker = "Twoinstances " + uuid.uuid4().hex[:8]
inquirer = f"inquirer-{uuid.uuid4().hex[:8]}@clinic.test"
visitor = Browser()
status, _, page = visitor.request(A + "/inquiry")
radios = {}
for name in ("service", "askingAbout", "bestTime"):
    start = page.find(f'name="{name}"')
    value_at = page.find('value="', start) + len('value="')
    radios[name] = page[value_at:page.find('"', value_at)]
form = Form(page, "/inquiry").fields
form.update(radios)
form.update({"name": marker, "email": inquirer, "phone": "905-555-0142", "message": "Sent through instance A.",
             "consent": "true"})
time.sleep(FILL_SECONDS + 1)  # the form counts a post sooner than the fill time after it was shown as a bot's
status, headers, _ = visitor.request(A + "/inquiry", form)
check(f"an inquiry posted to instance A is accepted (303 to its confirmation, got {status})", status == 303)

# A password alone opens nothing: the administrator's first sign-in (through A) enrols an authenticator app, and
# shows the recovery codes once; every sign-in after it, through either instance, asks for a code.
enrolling = Browser()
status, headers, _ = sign_in(enrolling, A, ADMIN, PASSWORD)
check("the administrator's first sign-in enrols an authenticator app and shows its recovery codes",
      location(headers).endswith("/staff/account/security/recovery-codes"), f"{status} {location(headers)}")
status, _, codes = enrolling.request(A + "/staff/account/security/recovery-codes")
check("the recovery codes are shown once, ten of them", status == 200 and codes.count("<li><code>") == 10,
      f"status {status}")

admin_b = Browser()
status, headers, _ = sign_in(admin_b, B, ADMIN, PASSWORD)
check("the administrator signs in through instance B", location(headers).endswith("/staff/inquiries"),
      f"{status} {location(headers)}")
status, _, inbox = admin_b.request(B + "/staff/inquiries")
check("instance B's inbox lists the inquiry posted to A", status == 200 and marker in inbox, f"status {status}")

# --- a sign-in through A works on B; signing out through B ends it on A too ----------------------------------------
staff = Browser()
status, headers, _ = sign_in(staff, A, ADMIN, PASSWORD)
check("a sign-in through instance A", location(headers).endswith("/staff/inquiries"), f"{status} {location(headers)}")
status, _, page_b = staff.request(B + "/staff/inquiries")
check(f"the same session cookie opens the inbox on instance B (got {status})", status == 200 and marker in page_b)
token = Form(page_b, "/logout").fields.get("_csrf")
status, headers, _ = staff.request(B + "/logout", {"_csrf": token})
check("signing out through instance B", location(headers).endswith("/login?signedOut"), f"{status} {location(headers)}")
leftover = Browser()
leftover.use_cookie_of(staff)
status, headers, _ = leftover.request(A + "/staff/inquiries")
check(f"... ended the session on instance A as well (got {status} to {location(headers)})",
      status == 302 and "/login" in location(headers))

# --- one email per inquiry reaches the SMTP server, not two --------------------------------------------------------
deadline = time.time() + 60
while time.time() < deadline and len(glob.glob(os.path.join(MAIL, "*.eml"))) < 2:
    time.sleep(0.5)
time.sleep(6)  # both instances' senders run every second: give a second copy every chance to appear
mails = [open(path, encoding="utf-8", errors="replace").read() for path in sorted(glob.glob(os.path.join(MAIL, "*.eml")))]
to_inquirer = [m for m in mails if f"To: {inquirer}" in m]
to_desk = [m for m in mails if "To: frontdesk@clinic.test" in m]
check(f"one acknowledgement to the inquirer and one alert to the front desk, through two senders "
      f"(got {len(to_inquirer)} and {len(to_desk)} of {len(mails)} emails)",
      len(to_inquirer) == 1 and len(to_desk) == 1 and len(mails) == 2)

# --- the rate limit counts posts through both instances together ---------------------------------------------------
codes = []
poster = Browser()
for i in range(RATE_LIMIT):  # the inquiry above was this address's first post
    codes.append(poster.request((B if i % 2 == 0 else A) + "/inquiry", {"name": ""})[0])
check(f"the form's rate limit ({RATE_LIMIT} posts) counts posts through both instances: "
      f"{' '.join(map(str, codes))} after the inquiry, the last 429", all(c == 200 for c in codes[:-1]) and codes[-1] == 429)

# --- a settings change through A shows on B's public pages within seconds ------------------------------------------
admin_a = Browser()
status, headers, _ = sign_in(admin_a, A, ADMIN, PASSWORD)
check("the administrator signs in through instance A", location(headers).endswith("/staff/inquiries"),
      f"{status} {location(headers)}")
status, _, home_b = Browser().request(B + "/")
status, _, settings = admin_a.request(A + "/staff/settings")
fields = Form(settings, "/staff/settings").fields
new_phone = "905-555-01" + str(10 + int(time.time()) % 80)
fields["phone"] = new_phone
status, headers, answer = admin_a.request(A + "/staff/settings", fields)
check(f"the clinic's phone saved through instance A (got {status} to {location(headers)})",
      status in (302, 303) and "/login" not in location(headers),
      answer[answer.find("error-summary"):][:300] if "error-summary" in answer else "")
saved_at = time.time()
seen = None
while time.time() < saved_at + 10:
    if new_phone in Browser().request(B + "/")[2]:
        seen = time.time() - saved_at
        break
    time.sleep(0.2)
check(f"instance B's home page (served from its page cache before) shows the new phone {new_phone}"
      + (f" after {seen:.1f} s" if seen is not None else " within 10 s"), seen is not None and new_phone not in home_b)

# --- the sign-in throttle counts failures through both instances together ------------------------------------------
# Last: the failures slow down every sign-in from this address too (the throttle counts per address as well).
guesser = Browser()
outcomes = []
for i in range(3):
    _, headers, _ = sign_in(guesser, A if i % 2 == 0 else B, "guessed@clinic.test", f"wrong password {i}")
    outcomes.append(location(headers).rsplit("?", 1)[-1])
# The third is refused uncounted and told how long to wait: throttled=<seconds> (SignInEvents.throttledFor).
check(f"the sign-in throttle counts failures through both instances: {' '.join(outcomes)}",
      outcomes[:2] == ["error", "error"] and re.fullmatch(r"throttled=[1-9][0-9]*", outcomes[2]) is not None)

sys.exit(1 if failures else 0)
