// Counts every call made on a service object, so tests can prove the add-on's call count is constant in rows.
export class CallCounter {
  readonly counts = new Map<string, number>();

  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Total calls whose name starts with one of the prefixes (e.g. "Range.", "Sheet."). */
  total(prefixes: readonly string[] = [""]): number {
    let sum = 0;
    for (const [name, count] of this.counts) if (prefixes.some((p) => name.startsWith(p))) sum += count;
    return sum;
  }

  reset(): void {
    this.counts.clear();
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/**
 * Wraps an object so each method call is counted as `${kind}.${method}`; `check` may refuse the call first
 * (the authorization mode of the execution in progress, see services.ts).
 */
export function counted<T extends object>(
  target: T,
  kind: string,
  counter: CallCounter,
  check?: (service: string, method: string) => void,
): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function" || typeof property !== "string" || property === "constructor")
        return value;
      return (...args: unknown[]) => {
        check?.(kind, property);
        counter.add(`${kind}.${property}`);
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        // Chained calls (range.setValues(...).setNumberFormat(...)) go through the proxy too.
        return result === object ? receiver : result;
      };
    },
  });
}
