import type { Pod } from "../../engine/cluster/types";
import { act } from "../../actions/act";
import { markSlow, slowness } from "../../actions/traffic";

/**
 * Marks a pod slow (it answers after 2 s: `kubectl annotate pod … podflow.dev/response-delay=2s`)
 * or fast again. For the pod inspector and the traffic panel.
 */
export function SlowToggle({ pod, delay = "2s" }: { pod: Pod; delay?: string }) {
  const slow = slowness(pod);
  return slow ? (
    <button type="button" className="button small" aria-label={`Make ${pod.metadata.name} fast again`} onClick={() => act(markSlow(pod))} title={`It answers after ${slow} now`}>
      Not slow
    </button>
  ) : (
    <button type="button" className="button small" aria-label={`Mark ${pod.metadata.name} slow`} onClick={() => act(markSlow(pod, delay))} title={`Answer every request after ${delay}`}>
      Mark slow ({delay})
    </button>
  );
}
