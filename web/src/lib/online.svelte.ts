// Whether the browser says it is online, as reactive state for the page (the pacer listens on its own).
class Connection {
  online = $state(globalThis.navigator?.onLine !== false);

  constructor() {
    globalThis.addEventListener?.('online', () => (this.online = true));
    globalThis.addEventListener?.('offline', () => (this.online = false));
  }
}

export const connection = new Connection();
