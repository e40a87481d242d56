#!/usr/bin/env python3
"""Starts `sammen serve` and measures the time until its first successful /readyz.

Usage: startup.py ADDR LOGFILE PIDFILE -- COMMAND...

The clock starts just before the process is created (fork + exec are included) and stops
when GET /readyz answers 200. The poll is tight: a new TCP connection every 1 ms while the
port refuses, and the HTTP request as soon as it accepts. The server keeps running after
this script exits (its own session); its PID goes to PIDFILE, its output to LOGFILE.
Prints the startup time in milliseconds.
"""
import os
import socket
import subprocess
import sys
import time


def ready(host, port):
    try:
        with socket.create_connection((host, port), timeout=1.0) as s:
            s.sendall(b"GET /readyz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(256)
                if not chunk:
                    break
                data += chunk
            return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def main():
    if "--" not in sys.argv or len(sys.argv) < 6:
        sys.exit(__doc__)
    sep = sys.argv.index("--")
    addr, logfile, pidfile = sys.argv[1:sep]
    cmd = sys.argv[sep + 1:]
    host, port = addr.rsplit(":", 1)
    port = int(port)
    log = open(logfile, "ab")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = t0 + 60
    while True:
        if ready(host, port):
            elapsed = (time.perf_counter() - t0) * 1000
            break
        if proc.poll() is not None:
            sys.exit(f"sammen exited with {proc.returncode} before it was ready; see {logfile}")
        if time.perf_counter() > deadline:
            proc.terminate()
            sys.exit("sammen was not ready within 60 s")
        time.sleep(0.001)
    with open(pidfile, "w") as f:
        f.write(f"{proc.pid}\n")
    print(f"{elapsed:.1f}")


if __name__ == "__main__":
    main()
