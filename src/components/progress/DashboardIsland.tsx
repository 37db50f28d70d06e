import { useState } from 'preact/hooks';
import type { CourseMap } from '../../assessment/course-items';
import { levelEarnedOn, levelStatus } from '../../assessment/criterion-status';
import { CRITERIA, LEVELS, LEVEL_LABELS } from '../../assessment/criteria';
import { passedItemDates, passedItemKeys } from '../../progress/passed-items';
import { CriterionList } from './CriterionList';
import { useProgress } from './use-progress';
import { YourData } from './YourData';

/** /dashboard/: modules with completion, the twelve criteria, levels earned, and the learner's data. */
export function DashboardIsland({ course }: { course: CourseMap }) {
  const { progress, store } = useProgress();
  const [name, setName] = useState<string | undefined>(undefined);
  const passed = progress ? passedItemKeys(progress) : new Set<string>();
  const passedOn = progress ? passedItemDates(progress) : new Map<string, string>();
  const levels = LEVELS.map((level) => levelStatus(level, course.items, passed));

  return (
    <div class="progress-dashboard" data-ready={progress ? 'true' : 'false'}>
      <h2 id="levels">Levels</h2>
      <ul class="progress-levels">
        {levels.map((status) => {
          const earnedOn = progress && levelEarnedOn(status, passedOn);
          return (
            <li key={status.level} data-level={status.level} data-earned={status.earned ? 'true' : 'false'}>
              <strong>{LEVEL_LABELS[status.level]}</strong>:{' '}
              {status.earned ? `earned${earnedOn ? ` on ${earnedOn.slice(0, 10)}` : ''}` : `${status.criteria.filter((c) => c.met).length} of ${status.criteria.length} criteria met`}
              {' — '}
              <a href={`/assessment/${status.level}/`}>assessment</a>
              {status.earned && (
                <>
                  {', '}
                  <a href={`/certificate/${status.level}/`}>certificate</a>
                </>
              )}
            </li>
          );
        })}
      </ul>

      <h2 id="modules">Modules</h2>
      <div class="progress-table-wrap">
        <table class="progress-modules">
          <thead>
            <tr>
              <th scope="col">Module</th>
              <th scope="col">Lessons read</th>
              <th scope="col">Exercises passed</th>
              <th scope="col">Quiz</th>
            </tr>
          </thead>
          <tbody>
            {course.modules.map((module) => {
              const read = module.lessons.filter((lesson) => progress?.lessons[lesson.path]).length;
              const exercises = module.exerciseIds.filter((id) => passed.has(`exercise:${id}`)).length;
              const right = module.questionKeys.filter((key) => passed.has(`question:${key}`)).length;
              return (
                <tr key={module.dir} data-module={module.dir}>
                  <th scope="row">
                    <a href={module.href}>{module.title}</a>
                  </th>
                  <td>{module.lessons.length > 0 ? `${read} of ${module.lessons.length}` : 'none yet'}</td>
                  <td data-cell="exercises">{module.exerciseIds.length > 0 ? `${exercises} of ${module.exerciseIds.length}` : 'none yet'}</td>
                  <td data-cell="quiz">{module.questionKeys.length > 0 ? `${right} of ${module.questionKeys.length} right` : 'none yet'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2 id="criteria">The twelve criteria</h2>
      <CriterionList
        statuses={levels.flatMap((status) => status.criteria).sort((a, b) => CRITERIA.indexOf(a.criterion) - CRITERIA.indexOf(b.criterion))}
        passedOn={passedOn}
        showItems={true}
      />

      <h2 id="you">Your name and your data</h2>
      <form
        class="progress-name"
        onSubmit={(event) => {
          event.preventDefault();
          if (name !== undefined) store?.setLearnerName(name);
        }}
      >
        <label for="learner-name">Your name, as printed on your certificates</label>{' '}
        <input id="learner-name" type="text" autocomplete="name" value={name ?? progress?.learner?.name ?? ''} onInput={(event) => setName((event.target as HTMLInputElement).value)} />{' '}
        <button type="submit" disabled={!store}>
          Save name
        </button>
      </form>
      <YourData store={store} />
    </div>
  );
}
