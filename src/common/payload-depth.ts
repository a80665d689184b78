/**
 * How deeply a payload may nest before it is refused, at every edge, before validation: our
 * payloads are two or three levels deep, and class-transformer recurses once per level (1,500
 * levels overflowed its stack: an INTERNAL with a stack trace in the log).
 */
export const MAX_PAYLOAD_DEPTH = 16;

/** Whether `value` nests deeper than `max` (a scalar is depth 0). Iterative: no stack to overflow. */
export function nestsDeeperThan(value: unknown, max: number = MAX_PAYLOAD_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

export const TOO_DEEP_MESSAGE = `Payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels`;
