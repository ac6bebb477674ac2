#!/usr/bin/env python3
"""Serves a built site on 127.0.0.1 the way a static host should serve the widget.

- Access-Control-Allow-Origin: * (a clinic's page on another origin loads the
  module script and the wasm with CORS);
- application/wasm for .wasm (streaming compilation);
- a precompressed file.br / file.gz when the browser accepts it (the release build writes them);
- optional extra headers for test host pages (--csp "...").

Usage: static_server.py DIR PORT [--csp POLICY] [--no-cors]
"""
import http.server
import os
import sys
from functools import partial


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }
    csp = None
    cors = True

    def log_message(self, fmt, *args):
        if os.environ.get("STATIC_SERVER_LOG"):
            super().log_message(fmt, *args)

    def end_headers(self):
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        if self.csp and self.path.split("?")[0].endswith((".html", "/")):
            self.send_header("Content-Security-Policy", self.csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        accept = self.headers.get("Accept-Encoding", "")
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        for enc, ext in (("br", ".br"), ("gzip", ".gz")):
            if enc in accept and os.path.isfile(path + ext):
                ctype = self.guess_type(path)
                f = open(path + ext, "rb")
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Encoding", enc)
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Content-Length", str(os.fstat(f.fileno()).st_size))
                self.end_headers()
                return f
        return super().send_head()


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__)
        sys.exit(2)
    directory, port = args[0], int(args[1])
    if "--csp" in args:
        Handler.csp = args[args.index("--csp") + 1]
    if "--no-cors" in args:
        Handler.cors = False
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=directory))
    print(f"serving {directory} at http://127.0.0.1:{port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
