#!/usr/bin/env python3
"""The second sign-in step for the scripts that sign in over HTTP (perf/two_instances.py, perf/proxy.sh,
perf/durability.sh), through the real pages as a person does: a code from the account's authenticator app, after
enrolling one on "Sign-in and security" the first time (the key read off the page, kept in STATE_FILE with the
last time step used, since the site accepts each code once). Codes per RFC 6238 (HMAC-SHA-1, 6 digits, 30 s steps)
with the standard library only. Nothing here turns the second factor off: there is no such switch.

As a command, for curl's cookie jar (Netscape format, read and written back):
    second_step.py BASE COOKIE_JAR EMAIL STATE_FILE [CA_FILE]
prints where the person lands and exits 0, or exits 1 when the step was refused.
"""
import base64
import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import ssl
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

STEP = "/staff/second-factor"
SECURITY = "/staff/account/security"


def totp(key, step):
    """RFC 6238 / RFC 4226: the 6-digit code for time step STEP (30 s periods since the Unix epoch)."""
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def _load(state_file):
    try:
        with open(state_file) as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def _next_code(state_file):
    """The code of the current step, or the next one (the site accepts one step of drift); waits for a fresh
    step when both were used (at most 30 s)."""
    state = _load(state_file)
    key = base64.b32decode(state["key"] + "=" * (-len(state["key"]) % 8))
    last = state.get("last") or -1
    while True:
        current = int(time.time()) // 30
        for step in (current, current + 1):
            if step > last:
                state["last"] = step
                with open(state_file, "w") as f:
                    json.dump(state, f)
                return totp(key, step)
        time.sleep(1)


def _csrf(page):
    found = re.search(r'name="_csrf" value="([^"]+)"', page)
    return found.group(1) if found else ""


def complete(request, base, state_file):
    """After a password sign-in: REQUEST(url, form=None) -> (status, headers, body), redirects not followed.
    Returns the last response (its Location is where the person lands)."""
    status, headers, page = request(base + STEP)
    where = headers.get("Location", "") if headers else ""
    if where.endswith(SECURITY):
        _, _, security = request(base + SECURITY)
        request(base + SECURITY + "/app", {"_csrf": _csrf(security)})
        _, _, app = request(base + SECURITY + "/app")
        key = re.search(r'id="app-key">([A-Z2-7 ]+)<', app).group(1).replace(" ", "")
        with open(state_file, "w") as f:
            json.dump({"key": key, "last": None}, f)
        return request(base + SECURITY + "/app/confirm", {"_csrf": _csrf(app), "code": _next_code(state_file)})
    if status != 200:
        return status, headers, page
    return request(base + STEP, {"_csrf": _csrf(page), "code": _next_code(state_file)})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _main(base, jar_file, email, state_file, ca_file=None):
    # curl marks HttpOnly cookies with a "#HttpOnly_" prefix, which MozillaCookieJar would read as a comment
    with open(jar_file) as f:
        lines = [line[len("#HttpOnly_"):] if line.startswith("#HttpOnly_") else line for line in f]
    with open(jar_file, "w") as f:
        f.writelines(lines if lines and lines[0].startswith("# Netscape") else ["# Netscape HTTP Cookie File\n"] + lines)
    jar = http.cookiejar.MozillaCookieJar(jar_file)
    jar.load(ignore_discard=True, ignore_expires=True)
    for cookie in jar:
        if cookie.expires == 0:  # curl's "session cookie", which Python would take as long expired
            cookie.expires = None
            cookie.discard = True
    handlers = [urllib.request.HTTPCookieProcessor(jar), _NoRedirect]
    if ca_file:
        handlers.append(urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=ca_file)))
    opener = urllib.request.build_opener(*handlers)

    def request(url, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with opener.open(urllib.request.Request(url, data=data), timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    status, headers, _ = complete(request, base, state_file)
    jar.save(ignore_discard=True, ignore_expires=True)
    with open(jar_file) as f:  # and back: curl wants 0, not an empty field, for a session cookie's expiry
        lines = [line.replace("\t\t", "\t0\t", 1) if line.count("\t") == 6 else line for line in f]
    with open(jar_file, "w") as f:
        f.writelines(lines)
    where = headers.get("Location", "") if headers else ""
    print(where)
    refused = status not in (302, 303) or "error" in where or "throttled" in where
    if refused:
        print(f"the second step for {email} was refused: {status} {where}", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(_main(*sys.argv[1:6]))
