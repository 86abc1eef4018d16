"""Who `serve` lets in: the secret token, the served host names, the page's own origin.

The rules, as Jupyter's server has them: a random token per start (or one kept in a
private file), given once in the URL and then held in a cookie; a `Host` that names this
server (a page on a name an attacker controls that resolves to 127.0.0.1, DNS rebinding,
is refused); an `Origin`, when a browser sends one (it always does for a WebSocket), that
is the page's own. No aiohttp here, so each rule is tested on its own.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mentorjournal.core.text import one_line

TOKEN_BYTES = 32
"""`secrets.token_urlsafe(32)`: 256 random bits, 43 characters."""
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,512}")
"""A token read from --token-file: URL-safe (it goes in a URL and a cookie) and long."""
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
"""What a browser on this machine calls it; served whatever `--host` says."""
_HOST = re.compile(r"(\[[0-9a-f.]*:[0-9a-f:.]*\]|[a-z0-9_.-]+)(?::[0-9]{1,5})?")


NO_TOKEN = "no valid token"
"""The refusal of a request on a served name, from the page's origin, without the token."""


class TokenFileError(Exception):
    """--token-file cannot be used; the message says why, on one line."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_from_file(path: Path) -> str:
    """The token kept in `path`; a missing file is made (0600) with a new one.

    Refused: a file that others may read or write (the token would be theirs too), one
    that is not a regular file, and one that holds no usable token.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_token(path)
    except OSError as error:
        raise TokenFileError(f"cannot make --token-file {path}: "
                             f"{error.strerror or error}") from None
    token = new_token()
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(token + "\n")
    return token


def _read_token(path: Path) -> str:
    # Not through a symlink, and without waiting on a FIFO: the checks are of the file read.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise TokenFileError(f"cannot read --token-file {path}: "
                             f"{error.strerror or error}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise TokenFileError(f"--token-file {path} is not a regular file.")
        if mode & 0o077:
            raise TokenFileError(
                f"--token-file {path} is open to other users (mode {stat.S_IMODE(mode):04o}): "
                f"anyone who reads it can open the journal. Run: chmod 600 {path}")
        token = os.read(fd, 1024).decode("ascii", "replace").strip()
    finally:
        os.close(fd)
    if not _TOKEN.fullmatch(token):
        raise TokenFileError(
            f"--token-file {path} holds no usable token: it needs one line of at least 32 "
            "characters from A-Z, a-z, 0-9, '-' and '_' (delete the file to get a new one).")
    return token


def canonical_host(name: str) -> str:
    """A host name as compared: lower case; an IP address in its standard form, IPv6 in
    brackets (as in a URL)."""
    bare = name[1:-1] if name.startswith("[") and name.endswith("]") else name
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        return name.lower()
    return f"[{address.compressed}]" if address.version == 6 else address.compressed


def host_name(host_header: str) -> str | None:
    """The name in a `Host` header without its port, canonical; None if it is not one."""
    match = _HOST.fullmatch(host_header.lower())
    return canonical_host(match.group(1)) if match else None


def url_host(bind: str) -> str:
    """How the printed URL names the server: the bound address; for a wildcard, this
    machine's loopback address of that family (asyncio binds `::` to IPv6 only)."""
    name = canonical_host(bind)
    return {"0.0.0.0": "127.0.0.1", "[::]": "[::1]", "": "127.0.0.1"}.get(name, name)


@dataclass(frozen=True)
class Access:
    """Who is let in: the token, and the host names this server answers to."""

    token: str
    names: frozenset[str]
    any_address: bool = False
    """Listening on every address (0.0.0.0 or ::, with --public): any IP address is a
    served name. A name is still checked, as only a name can be rebound."""

    @classmethod
    def serving(cls, token: str, bind: str) -> Access:
        """The access rules of a server bound to `bind` (already allowed by --public)."""
        name = canonical_host(bind)
        wildcard = name in ("0.0.0.0", "[::]", "")
        return cls(token, LOOPBACK_NAMES | ({name} if name and not wildcard else set()),
                   any_address=wildcard)

    def host_allowed(self, host_header: str) -> bool:
        name = host_name(host_header)
        if name is None:
            return False
        if name in self.names:
            return True
        return self.any_address and _is_address(name)

    def token_valid(self, given: str | None) -> bool:
        """`given` is the token, compared in constant time."""
        if given is None:
            return False
        return hmac.compare_digest(given.encode("utf-8", "surrogatepass"),
                                   self.token.encode("ascii"))

    def refusal(self, host: str, origin: str | None, websocket: bool,
                tokens: Iterable[str | None]) -> str | None:
        """Why a request is refused (for the serve log), or None to let it in.

        `tokens` are what it carries: its ?token= and its cookie.
        """
        if not self.host_allowed(host):
            return f"Host {_shown(host)} is not a name this server serves"
        if origin is None and websocket:
            return "a WebSocket without an Origin"
        if origin is not None and origin.lower() != f"http://{host.lower()}":
            return f"Origin {_shown(origin)} is not the page's own, {_shown('http://' + host)}"
        if not any(self.token_valid(token) for token in tokens):
            return NO_TOKEN
        return None


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def _shown(header: str) -> str:
    """A header's value, as the log shows it: one safe line, not too long."""
    return repr(one_line(header, 120))
