#!/usr/bin/python3
"""smtp_sink.py OUTDIR PORTFILE [PORT]: a real SMTP server (aiosmtpd) for the e2e tests. Each message
is written whole to OUTDIR/N.eml with its envelope in OUTDIR/N.env; the bound port goes to PORTFILE.
Runs until killed. Debian's python3-aiosmtpd, so it runs under /usr/bin/python3.
SINK_DELAY=SECONDS in the environment makes each message take that long (a slow relay), so that
several senders are seen working at once."""
import asyncio, os, socket, sys, time
from aiosmtpd.controller import Controller

out, portfile = sys.argv[1], sys.argv[2]
port = int(sys.argv[3]) if len(sys.argv) > 3 else 0
delay = float(os.environ.get("SINK_DELAY", "0"))
os.makedirs(out, exist_ok=True)

class Sink:
    n = 0
    async def handle_DATA(self, server, session, envelope):
        if delay:
            await asyncio.sleep(delay)
        Sink.n += 1
        base = os.path.join(out, "%d" % Sink.n)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".env", "w") as f:
            f.write("from %s\n" % envelope.mail_from)
            for r in envelope.rcpt_tos:
                f.write("to %s\n" % r)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK"

if port == 0:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
c = Controller(Sink(), hostname="127.0.0.1", port=port)
c.start()
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % port)
os.rename(portfile + ".tmp", portfile)
try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    pass
finally:
    c.stop()
