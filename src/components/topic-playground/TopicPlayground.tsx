/**
 * The topic-filter playground: type a filter and see which topics of a generated tree it
 * matches, judged by the sandbox broker's own matcher; invalid filters name the rule they break.
 * Imports only the pure matcher, never the broker or MQTT.js, so the island stays small.
 */
import { useId, useMemo, useState } from 'preact/hooks';
import { checkFilter, topicNameErrors, type RuleNote } from './filter-rules.ts';
import { EXAMPLE_FILTERS, generateTopicTree, matchTopics } from './topic-tree.ts';
import './topic-playground.css';

interface Props {
  /** The filter shown first. */
  initialFilter?: string;
}

function Notes({ notes, kind }: { notes: RuleNote[]; kind: 'error' | 'warning' }) {
  if (notes.length === 0) return null;
  return (
    <ul class={`topic-playground__notes topic-playground__notes--${kind}`}>
      {notes.map((note) => (
        <li key={note.message}>
          <strong>{kind === 'error' ? 'Invalid: ' : 'Note: '}</strong>
          {note.message} <cite>{note.cite}</cite>
        </li>
      ))}
    </ul>
  );
}

export default function TopicPlayground({ initialFilter = 'home/+/temperature' }: Props) {
  const id = useId();
  const [filter, setFilter] = useState(initialFilter);
  const [topics, setTopics] = useState<string[]>(generateTopicTree);
  const [newTopic, setNewTopic] = useState('');
  const [topicErrors, setTopicErrors] = useState<RuleNote[]>([]);

  const verdict = useMemo(() => checkFilter(filter), [filter]);
  const matches = useMemo(() => (verdict.valid ? matchTopics(filter, topics) : []), [verdict, filter, topics]);
  const count = matches.filter((match) => match.matched).length;

  const addTopic = (event: Event): void => {
    event.preventDefault();
    const errors = topicNameErrors(newTopic);
    setTopicErrors(errors);
    if (errors.length > 0) return;
    if (!topics.includes(newTopic)) setTopics([...topics, newTopic]);
    setNewTopic('');
  };

  return (
    <section class="topic-playground not-content" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="topic-playground__title">Topic filter playground</h3>
      <label class="topic-playground__label" for={`${id}-filter`}>Topic filter</label>
      <input
        id={`${id}-filter`}
        class="topic-playground__input"
        type="text"
        value={filter}
        spellcheck={false}
        autocapitalize="off"
        autocomplete="off"
        aria-invalid={!verdict.valid}
        aria-describedby={`${id}-status`}
        onInput={(event) => setFilter(event.currentTarget.value)}
      />
      <div class="topic-playground__examples" role="group" aria-label="Example filters">
        {EXAMPLE_FILTERS.map((example) => (
          <button type="button" key={example} aria-pressed={filter === example} onClick={() => setFilter(example)}>
            <code>{example}</code>
          </button>
        ))}
      </div>
      <div id={`${id}-status`} class="topic-playground__status" aria-live="polite">
        {verdict.valid
          ? <p><strong>Valid filter</strong>: matches {count} of {topics.length} topics.</p>
          : <p><strong>Not a valid topic filter</strong>: a broker refuses this SUBSCRIBE.</p>}
        <Notes notes={verdict.errors} kind="error" />
        <Notes notes={verdict.warnings} kind="warning" />
      </div>
      {verdict.valid && (
        <ul class="topic-playground__topics" aria-label={`Topics: ${count} matched`}>
          {matches.map((match) => (
            <li key={match.topic} class={match.matched ? 'is-match' : undefined}>
              <span class="topic-playground__mark" aria-hidden="true">{match.matched ? '✓' : '·'}</span>
              <code>{match.topic}</code>
              <span class="sr-only">{match.matched ? ' — matches' : ' — no match'}</span>
            </li>
          ))}
        </ul>
      )}
      <form class="topic-playground__add" onSubmit={addTopic}>
        <label for={`${id}-topic`}>Add a topic to the tree</label>
        <input
          id={`${id}-topic`}
          type="text"
          value={newTopic}
          spellcheck={false}
          autocapitalize="off"
          autocomplete="off"
          aria-invalid={topicErrors.length > 0}
          aria-describedby={`${id}-topic-errors`}
          onInput={(event) => setNewTopic(event.currentTarget.value)}
        />
        <button type="submit">Add</button>
        <div id={`${id}-topic-errors`} aria-live="polite">
          <Notes notes={topicErrors} kind="error" />
        </div>
      </form>
    </section>
  );
}
