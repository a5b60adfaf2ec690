/** The server key the in-process harness runs the app with; no log, error or bundle may ever contain it. */
export const SERVER_KEY = 'sk-test-server-key-0123456789';
