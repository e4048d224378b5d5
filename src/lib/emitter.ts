/** A tiny typed event emitter (after mitt): `on` returns its own unsubscribe. */
export type Handler<T> = (payload: T) => void;

export interface Emitter<Events extends Record<string, unknown>> {
  on<K extends keyof Events>(type: K, fn: Handler<Events[K]>): () => void;
  emit<K extends keyof Events>(type: K, payload: Events[K]): void;
}

export function createEmitter<Events extends Record<string, unknown>>(onError: (e: unknown) => void): Emitter<Events> {
  const all = new Map<keyof Events, Set<Handler<any>>>();
  return {
    on(type, fn) {
      let set = all.get(type);
      if (!set) all.set(type, (set = new Set()));
      set.add(fn);
      return () => set!.delete(fn);
    },
    emit(type, payload) {
      // A throwing subscriber belongs to the host page; it must not stop the others or our own flow.
      for (const fn of [...(all.get(type) || [])]) {
        try {
          fn(payload);
        } catch (e) {
          onError(e);
        }
      }
    },
  };
}
