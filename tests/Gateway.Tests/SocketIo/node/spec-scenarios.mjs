// SPEC.md's integration scenarios 1 to 5 against the gateway's /socket.io/ door, with the real npm
// socket.io-client, over one transport: `websocket`, `polling` (never upgraded) or `upgrade` (polling,
// then upgraded to a WebSocket). Prints "ok N name" per scenario and exits 0, or "not ok N name: why"
// and exits 1. Run by Gateway.Tests (SocketIoNodeClientTests), which passes an expired session's id.
//   node spec-scenarios.mjs --url http://127.0.0.1:PORT --transport websocket --expired SESSION_ID
import { io } from "socket.io-client";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const url = args.url;
const mode = args.transport;
const options = {
  websocket: { transports: ["websocket"] },
  polling: { transports: ["polling"] },
  upgrade: { transports: ["polling", "websocket"] },
}[mode];
if (!url || !options || !args.expired) {
  console.error("usage: node spec-scenarios.mjs --url URL --transport websocket|polling|upgrade --expired SESSION_ID");
  process.exit(2);
}

const WAIT_MS = 10_000;
const sockets = [];

function fail(why) {
  throw new Error(why);
}

function check(condition, why) {
  if (!condition) fail(why);
}

/** A participant: a socket with SPEC.md's connection options, recording every event it is sent. */
function participant(name, extra = {}) {
  const socket = io(url, { ...options, forceNew: true, reconnection: false, timeout: WAIT_MS, ...extra });
  const events = [];
  socket.onAny((event, payload) => events.push({ event, payload }));
  const user = { name, socket, events, userId: `${name}-${mode}-${Math.random().toString(36).slice(2, 10)}` };
  sockets.push(socket);
  return user;
}

/** Waits for an event (the first one not yet taken that the predicate holds for). */
function next(user, event, holds = () => true, taken = new Set()) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = () => {
      const found = user.events.find((e, i) => e.event === event && !taken.has(i) && holds(e.payload) && (taken.add(i), true));
      if (found) return resolve(found.payload);
      if (Date.now() - started > WAIT_MS) return reject(new Error(`${user.name} waited ${WAIT_MS} ms for ${event}; it had ${JSON.stringify(user.events.map((e) => e.event))}`));
      setTimeout(look, 5);
    };
    look();
  });
}

function connected(user) {
  return user.socket.connected ? Promise.resolve() : new Promise((resolve, reject) => {
    user.socket.once("connect", resolve);
    user.socket.once("connect_error", (error) => reject(new Error(`${user.name} could not connect: ${error.message}`)));
  });
}

async function createSession(language = "javascript") {
  const response = await fetch(`${url}/api/sessions/create`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ language }) });
  check(response.status === 201 || response.status === 200, `create answered ${response.status}`);
  return (await response.json()).sessionId;
}

async function join(user, sessionId, extra = {}) {
  await connected(user);
  user.socket.emit("join-session", { sessionId, userId: user.userId, username: user.name, ...extra });
  const joined = await next(user, "session-joined", (p) => p.sessionId === sessionId);
  user.token = joined.userToken;
  return joined;
}

/** The transport as the mode promises: polling never upgrades, upgrade ends on a WebSocket. */
async function transportHolds(user) {
  const engine = user.socket.io.engine;
  if (mode === "upgrade" && engine.transport.name !== "websocket") {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${user.name} was not upgraded to a WebSocket`)), WAIT_MS);
      engine.once("upgrade", () => (clearTimeout(timer), resolve()));
    });
  }

  const expected = mode === "polling" ? "polling" : "websocket";
  check(engine.transport.name === expected, `${user.name} is carried by ${engine.transport.name}, not ${expected}`);
}

async function scenario1() {
  const sessionId = await createSession();
  const ada = participant("ada");
  const bob = participant("bob");
  const joined = await join(ada, sessionId);
  check(joined.currentCode.startsWith("// Write your JavaScript code here"), `session-joined's currentCode is the template, not ${JSON.stringify(joined.currentCode)}`);
  check(joined.language === "javascript" && joined.userCount === 1, `session-joined: ${JSON.stringify(joined)}`);
  check(joined.users.length === 1 && joined.users[0].id === ada.userId && joined.users[0].username === "ada", `users: ${JSON.stringify(joined.users)}`);
  const bobJoined = await join(bob, sessionId);
  check(bobJoined.userCount === 2, `Bob's session-joined counts ${bobJoined.userCount}`);
  const arrived = await next(ada, "user-joined", (p) => p.userId === bob.userId);
  check(arrived.username === "bob" && arrived.userCount === 2, `user-joined: ${JSON.stringify(arrived)}`);

  const code = 'console.log("Hello from test!");';
  ada.socket.emit("code-change", { sessionId, code, userId: ada.userId }); // SPEC's clients in the wild leave language out
  const update = await next(bob, "code-update");
  check(update.code === code && update.userId === ada.userId && Number.isInteger(update.timestamp), `code-update: ${JSON.stringify(update)}`);

  const details = await (await fetch(`${url}/api/sessions/${sessionId}`)).json();
  check(details.exists === true && details.userCount === 2, `GET /api/sessions/:id: ${JSON.stringify(details)}`);
  await transportHolds(ada);
  await transportHolds(bob);
}

async function scenario2() {
  const sessionId = await createSession();
  const users = ["cy", "dee", "eve"].map((name) => participant(name));
  for (const user of users) await join(user, sessionId);
  const changes = 5;
  await Promise.all(users.map(async (user) => {
    for (let i = 1; i <= changes; i++) {
      user.socket.emit("code-change", { sessionId, code: `// ${user.name} ${i}\n`, language: "javascript", userId: user.userId });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }));

  // Every change reaches both others, in the order the session applied them (revisions rise), and
  // each sender's own changes in the order it sent them.
  for (const user of users) {
    const others = users.filter((u) => u !== user);
    const taken = new Set();
    for (let n = 0; n < changes * others.length; n++) await next(user, "code-update", () => true, taken);
    const updates = user.events.filter((e) => e.event === "code-update").map((e) => e.payload);
    check(updates.every((u, i) => i === 0 || u.revision > updates[i - 1].revision), `${user.name} got revisions out of order: ${updates.map((u) => u.revision)}`);
    for (const other of others) {
      const theirs = updates.filter((u) => u.userId === other.userId).map((u) => u.code);
      check(JSON.stringify(theirs) === JSON.stringify([...Array(changes).keys()].map((i) => `// ${other.name} ${i + 1}\n`)), `${user.name} got ${other.name}'s changes as ${JSON.stringify(theirs)}`);
    }
  }

  // The session's text is the change it applied last, the one with the highest revision.
  const all = users.flatMap((u) => u.events.filter((e) => e.event === "code-update").map((e) => e.payload));
  const last = all.reduce((a, b) => (b.revision > a.revision ? b : a));
  const late = participant("late");
  const seen = await join(late, sessionId);
  check(seen.currentCode === last.code && seen.revision === last.revision, `a late joiner sees ${JSON.stringify(seen.currentCode)} at ${seen.revision}, the last change was ${JSON.stringify(last.code)} at ${last.revision}`);
  check(seen.userCount === 4, `the late joiner counts ${seen.userCount}`);
}

async function scenario3() {
  const sessionId = await createSession();
  const ada = participant("ada");
  const bob = participant("bob");
  await join(ada, sessionId);
  await join(bob, sessionId);
  ada.socket.emit("language-change", { sessionId, language: "python", userId: ada.userId });
  for (const user of [ada, bob]) {
    const update = await next(user, "language-update");
    check(update.language === "python" && update.userId === ada.userId, `${user.name}'s language-update: ${JSON.stringify(update)}`);
  }

  // The untouched template follows the language, as a change everyone receives.
  const template = await next(bob, "code-update", (p) => p.code.startsWith("# Write your Python code here"));
  check(template.userId === ada.userId, `the template change is Ada's: ${JSON.stringify(template)}`);

  bob.socket.emit("language-change", { sessionId, language: "cobol", userId: bob.userId });
  const refused = await next(bob, "error");
  check(refused.code === "INVALID_PAYLOAD" && refused.details.field === "language", `an unknown language: ${JSON.stringify(refused)}`);
  bob.socket.emit("language-change", { sessionId, language: "javascript", userId: bob.userId });
  const back = await next(ada, "language-update", (p) => p.language === "javascript");
  check(back.userId === bob.userId, `Bob's switch back: ${JSON.stringify(back)}`);
  check(!ada.events.some((e) => e.event === "error"), "Ada is told nothing of Bob's refused switch");
}

async function scenario4() {
  const sessionId = await createSession();
  // The client's own reconnection, with SPEC.md's options (a shorter delay).
  const ada = participant("ada", { reconnection: true, reconnectionDelay: 100, reconnectionAttempts: 5 });
  const bob = participant("bob");
  await join(ada, sessionId);
  await join(bob, sessionId);
  let connects = 0;
  ada.socket.on("connect", () => {
    connects++;
    ada.socket.emit("join-session", { sessionId, userId: ada.userId, username: ada.name, userToken: ada.token }); // as SPEC's clients rejoin on connect
  });

  ada.socket.io.engine.close(); // the transport drops; the client reconnects by itself
  const left = await next(bob, "user-left", (p) => p.userId === ada.userId);
  check(left.userCount === 1, `user-left: ${JSON.stringify(left)}`);
  bob.socket.emit("code-change", { sessionId, code: "// edited while Ada was away\n", userId: bob.userId });
  await next(bob, "user-joined", (p) => p.userId === ada.userId && p.userCount === 2);
  const rejoined = await next(ada, "session-joined", () => true, new Set([ada.events.findIndex((e) => e.event === "session-joined")]));
  check(connects === 1, `Ada reconnected ${connects} times`);
  // Bob's change reaches Ada either way: in her rejoin's text, or (her rejoin was the quicker) as an update after it.
  if (rejoined.currentCode !== "// edited while Ada was away\n") {
    await next(ada, "code-update", (p) => p.code === "// edited while Ada was away\n" && p.userId === bob.userId);
  }
  ada.socket.emit("code-change", { sessionId, code: "// Ada is back\n", userId: ada.userId });
  const update = await next(bob, "code-update", (p) => p.userId === ada.userId);
  check(update.code === "// Ada is back\n", `after the reconnect: ${JSON.stringify(update)}`);

  // Someone else naming Ada's id while she is there is refused; the session is unchanged.
  const mallory = participant("mallory");
  await connected(mallory);
  mallory.socket.emit("join-session", { sessionId, userId: ada.userId, username: "mallory" });
  const forbidden = await next(mallory, "error");
  check(forbidden.code === "FORBIDDEN", `a join as a present user without their token: ${JSON.stringify(forbidden)}`);
}

async function scenario5() {
  const ada = participant("ada");
  await connected(ada);
  ada.socket.emit("join-session", { sessionId: args.expired, userId: ada.userId, username: "ada" });
  const expired = await next(ada, "error");
  check(expired.code === "SESSION_EXPIRED" && expired.details.sessionId === args.expired, `joining an expired session: ${JSON.stringify(expired)}`);
  const unknown = crypto.randomUUID();
  ada.socket.emit("join-session", { sessionId: unknown, userId: ada.userId });
  const missing = await next(ada, "error", (p) => p.code !== "SESSION_EXPIRED");
  check(missing.code === "SESSION_NOT_FOUND", `joining a session that never was: ${JSON.stringify(missing)}`);
  ada.socket.emit("join-session", { sessionId: "not-a-session", userId: ada.userId });
  const invalid = await next(ada, "error", (p) => p.code === "INVALID_SESSION");
  check(invalid.details.sessionId === "not-a-session", `an invalid session id: ${JSON.stringify(invalid)}`);
  check(!ada.events.some((e) => e.event === "session-joined"), "no join succeeded");
}

const scenarios = [
  [1, "create, join, sync code", scenario1],
  [2, "several users editing at once", scenario2],
  [3, "language switching with active users", scenario3],
  [4, "disconnect and reconnect", scenario4],
  [5, "session expiration", scenario5],
];

let failed = false;
for (const [n, name, run] of scenarios) {
  try {
    await run();
    console.log(`ok ${n} ${name}`);
  } catch (error) {
    failed = true;
    console.log(`not ok ${n} ${name}: ${error.message}`);
  }

  while (sockets.length > 0) sockets.pop().disconnect();
}

process.exit(failed ? 1 : 0);
