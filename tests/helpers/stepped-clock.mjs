// Loaded with `node --import` into the app's processes by tests/e2e/clock-step.test.ts: the system
// clock as a process sees it after the clock was stepped while it ran (an NTP correction on a
// virtual machine, say). `Date` runs STEPPED_CLOCK_MS milliseconds off; the monotonic clock
// (`performance.timeOrigin + performance.now()`), fixed when the process started, does not move.
const step = Number(process.env.STEPPED_CLOCK_MS ?? 0);
const SystemDate = Date;
const stepped = () => SystemDate.now() + step;

globalThis.Date = new Proxy(SystemDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [stepped()] : args, newTarget),
  // `Date()` called without `new` gives the time as text.
  apply: () => new SystemDate(stepped()).toString(),
  get: (target, property, receiver) => (property === 'now' ? stepped : Reflect.get(target, property, receiver)),
});
