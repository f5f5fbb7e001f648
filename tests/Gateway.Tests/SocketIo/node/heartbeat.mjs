// Stays connected through the gateway's heartbeat: socket.io-client answers each ping by itself, and the
// connection (the same Engine.IO socket, never reconnected) still carries events after N pings.
//   node heartbeat.mjs --url http://127.0.0.1:PORT --transport websocket|polling --pings 5
import { io } from "socket.io-client";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const pings = Number(args.pings ?? 5);
const socket = io(args.url, { transports: [args.transport], forceNew: true, reconnection: false });
const timer = setTimeout(() => { console.log(`not ok: ${seen} pings in 20 s`); process.exit(1); }, 20_000);
let seen = 0;
let disconnected = null;
socket.on("disconnect", (reason) => (disconnected = reason));
socket.on("connect", async () => {
  const engineId = socket.io.engine.id;
  socket.io.engine.on("ping", async () => {
    if (++seen !== pings) return;
    const response = await fetch(`${args.url}/api/sessions/create`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ language: "javascript" }) });
    const { sessionId } = await response.json();
    socket.emit("join-session", { sessionId, userId: "heartbeat-1" });
    socket.once("session-joined", (joined) => {
      clearTimeout(timer);
      const ok = disconnected === null && socket.io.engine.id === engineId && joined.sessionId === sessionId;
      console.log(ok ? `ok ${pings} pings` : `not ok: disconnected ${disconnected}, the same socket ${socket.io.engine.id === engineId}`);
      socket.disconnect();
      process.exit(ok ? 0 : 1);
    });
  });
});
