import { useEffect, useState } from "react";
import { trafficStore } from "../../traffic/trafficStore";

/**
 * A number that changes when new connections were seen, at most every `ms` real milliseconds:
 * views of the flow log re-read on it without re-rendering every animation frame.
 */
export function useFlowTick(ms: number): number {
  const [tick, setTick] = useState(() => trafficStore.getState().flowVersion);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const off = trafficStore.subscribe((s, prev) => {
      if (s.flowVersion === prev.flowVersion || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        last = performance.now();
        setTick(trafficStore.getState().flowVersion);
      }, Math.max(0, last + ms - performance.now()));
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [ms]);
  return tick;
}
