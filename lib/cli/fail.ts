// One way for command-line entry points to die: a single clear line, no stack trace,
// unless NMS_DEBUG asks for one.
export function fail(error: unknown): never {
  const message =
    error instanceof Error ? `${error.name.toLowerCase() === "error" ? "" : `${error.name}: `}${error.message}` : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (process.env.NMS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
