import { useRef, useState } from 'preact/hooks';

/**
 * Arranging items with "move up" / "move down" buttons: usable by keyboard and screen reader
 * (focus follows the moved item, and the move is announced), and on a phone without dragging.
 */
export function OrderingInput({ order, onChange, disabled }: { order: string[]; onChange: (order: string[]) => void; disabled: boolean }) {
  const [announcement, setAnnouncement] = useState('');
  const list = useRef<HTMLOListElement>(null);

  const move = (from: number, to: number, direction: 'up' | 'down') => {
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
    setAnnouncement(`${item} moved to position ${to + 1} of ${order.length}.`);
    // Keep focus on the item that moved; at the end of the list its button in that direction is disabled.
    requestAnimationFrame(() => {
      const buttons = list.current?.children[to]?.querySelectorAll('button');
      const target = direction === 'up' ? (to === 0 ? buttons?.[1] : buttons?.[0]) : to === order.length - 1 ? buttons?.[0] : buttons?.[1];
      target?.focus();
    });
  };

  return (
    <>
      <ol class="quiz-ordering" ref={list}>
        {order.map((item, index) => (
          <li key={item}>
            <span class="quiz-ordering__item">{item}</span>
            <span class="quiz-ordering__buttons">
              <button type="button" disabled={disabled || index === 0} aria-label={`Move ${item} up`} onClick={() => move(index, index - 1, 'up')}>
                ↑
              </button>
              <button
                type="button"
                disabled={disabled || index === order.length - 1}
                aria-label={`Move ${item} down`}
                onClick={() => move(index, index + 1, 'down')}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p class="sr-only" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
