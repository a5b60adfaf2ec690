// Asks whether the studio may notify, once, on the user's first Generate (a user gesture), never on load.
// Tiny and static on purpose: the request must run inside the click, before any await.

export interface PermissionApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission> | undefined;
}

let asked = false;

export function askToNotify(api: PermissionApi | undefined = globalThis.Notification): void {
  if (asked || !api || api.permission !== 'default') return;
  asked = true;
  // older Safari answers through a callback and returns undefined
  void Promise.resolve(api.requestPermission()).catch(() => undefined);
}

/** for tests */
export function resetAsked(): void {
  asked = false;
}
