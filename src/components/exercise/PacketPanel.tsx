/**
 * The run's packets in the shared packet view (sequence diagram + annotated bytes), fed live
 * while the code runs and with the full record once it has ended.
 */
import type { RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import { PacketView } from '../packet-view/PacketView.tsx';

export function PacketPanel({ entries }: { entries: RecordEntry[] }) {
  return (
    <section class="exercise__packets" aria-label="Packets">
      <h4 class="exercise__subheading">Packets</h4>
      <PacketView entries={entries} />
    </section>
  );
}
