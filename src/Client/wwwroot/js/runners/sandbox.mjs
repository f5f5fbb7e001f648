// What user code in a runner worker must not reach: storage that outlives the run, the network, other
// workers and tabs, and the channel back to the page. Each name is deleted wherever it lives on its
// object's prototype chain, so the browser's own getter or constructor is gone, not just shadowed, and
// then defined on the object itself as undefined, neither writable nor configurable: nothing the
// program does (delete, defineProperty, walking Object.getPrototypeOf or self.constructor.prototype)
// brings the real one back. A nested Worker would start with a fresh global that has them all, so Worker
// goes too. The worker's Content-Security-Policy, set by the gateway, blocks what syntax can still
// reach (import() of anything but the gateway's scripts, data: and blob: URLs).

// Everything that keeps data past the run or shares it with another tab: IndexedDB, the Cache API, the
// storage manager (origin-private files, persist(), estimate()), storage buckets, cookies, the old
// FileSystem API (persistent and temporary file systems), Web Locks and BroadcastChannel (both reach
// every tab of the origin), and the interfaces whose only instances come through them.
const storageGlobals = [
  'indexedDB', 'IDBFactory', 'caches', 'CacheStorage', 'Cache', 'StorageManager', 'StorageBucketManager', 'StorageBucket',
  'cookieStore', 'CookieStore', 'CookieStoreManager', 'FileSystemHandle', 'FileSystemDirectoryHandle', 'FileSystemFileHandle',
  'FileSystemSyncAccessHandle', 'FileSystemWritableFileStream', 'FileSystemObserver', 'requestFileSystem',
  'webkitRequestFileSystem', 'webkitRequestFileSystemSync', 'webkitResolveLocalFileSystemURL',
  'webkitResolveLocalFileSystemSyncURL', 'BroadcastChannel', 'LockManager', 'Lock', 'SharedWorker', 'Worker',
];
const storageNavigator = ['storage', 'storageBuckets', 'locks', 'serviceWorker'];

// The network, and the channel to the page (the runner keeps its own postMessage).
const networkGlobals = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport', 'importScripts',
  'postMessage', 'close',
];
const networkNavigator = ['sendBeacon'];

function remove(target, names) {
  for (const name of names) {
    for (let scope = target; scope; scope = Object.getPrototypeOf(scope)) {
      if (Object.getOwnPropertyDescriptor(scope, name)?.configurable) delete scope[name];
    }
    if (!Object.prototype.hasOwnProperty.call(target, name)) { // removed once already: it is undefined for good
      Object.defineProperty(target, name, { value: undefined, writable: false, enumerable: false, configurable: false });
    }
  }
}

/** Takes every storage API away from this worker; done first, before anything else loads. */
export function removeStorage() {
  remove(self, storageGlobals);
  if (self.navigator) remove(self.navigator, storageNavigator);
}

/** Removes storage, the network and the page's channel from this worker; returns postMessage, kept for the runner. */
export function seal() {
  const post = self.postMessage.bind(self);
  removeStorage();
  remove(self, networkGlobals);
  if (self.navigator) remove(self.navigator, networkNavigator);
  return post;
}
