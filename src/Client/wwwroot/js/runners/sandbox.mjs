// What user code in a runner worker must not reach: the network, other workers, storage, and the
// channel back to the page. Each name is deleted wherever it lives on the global's prototype chain
// (fetch and importScripts live on WorkerGlobalScope.prototype), so it is undefined, not just shadowed.
// The worker's Content-Security-Policy, set by the gateway, blocks what syntax can still reach (import()).
const blocked = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport', 'importScripts',
  'Worker', 'SharedWorker', 'BroadcastChannel', 'indexedDB', 'caches', 'CacheStorage',
  'postMessage', 'close', 'requestFileSystem', 'webkitRequestFileSystem', 'FileSystemHandle', 'storage',
];

/** Removes the network and the page's channel from this worker; returns postMessage, kept for the runner. */
export function seal() {
  const post = self.postMessage.bind(self);
  for (const name of blocked) {
    for (let scope = self; scope; scope = Object.getPrototypeOf(scope)) {
      if (Object.prototype.hasOwnProperty.call(scope, name)) {
        delete scope[name];
      }
    }
  }
  if (self.navigator) {
    for (const name of ['sendBeacon', 'serviceWorker', 'storage', 'locks']) {
      for (let scope = self.navigator; scope; scope = Object.getPrototypeOf(scope)) {
        if (Object.prototype.hasOwnProperty.call(scope, name)) delete scope[name];
      }
    }
  }
  return post;
}
