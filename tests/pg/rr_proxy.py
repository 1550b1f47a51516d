#!/usr/bin/python3
"""rr_proxy.py: the load balancer in front of the two app servers of a PostgreSQL e2e run.

    rr_proxy.py PORT_FILE BACKENDS_FILE COUNTS_FILE

Listens on 127.0.0.1 (a free port, written to PORT_FILE) and hands each new TCP connection to the
next backend in turn (round robin, as nginx's default upstream does). BACKENDS_FILE holds one port
per line; it is read when a connection arrives, so the proxy can start before the servers it fronts
(their base URL is the proxy's). A backend that refuses the connection is skipped for that
connection (nginx's proxy_next_upstream). COUNTS_FILE gets "PORT CONNECTIONS" lines after each
connection, so a test can prove the requests were spread across both servers.
Bytes are relayed as they come, in both directions; a close on one side closes the other.
"""
import asyncio
import os
import signal
import sys

port_file, backends_file, counts_file = sys.argv[1:4]
counts = {}
turn = 0


def backends():
    try:
        with open(backends_file) as f:
            return [int(x) for x in f.read().split()]
    except (OSError, ValueError):
        return []


def write_counts():
    tmp = counts_file + ".tmp"
    with open(tmp, "w") as f:
        for port, n in sorted(counts.items()):
            f.write(f"{port} {n}\n")
    os.replace(tmp, counts_file)


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.close()
        except OSError:
            pass


async def handle(creader, cwriter):
    global turn
    ports = backends()
    for i in range(len(ports)):
        port = ports[(turn + i) % len(ports)]
        try:
            breader, bwriter = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            continue
        turn = (turn + i + 1) % len(ports)
        counts[port] = counts.get(port, 0) + 1
        write_counts()
        await asyncio.gather(pipe(creader, bwriter), pipe(breader, cwriter))
        return
    cwriter.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=512)
    port = server.sockets[0].getsockname()[1]
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{port}\n")
    os.replace(tmp, port_file)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    async with server:
        await stop.wait()


asyncio.run(main())
