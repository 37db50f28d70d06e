import type { OmitEach, QuizQuestion } from '../../assessment/quiz-schema';

/** A spec reference as the island shows it, formatted on the server so the island needs no schema code. */
export interface SpecLink {
  label: string;
  href: string;
  title?: string;
}

/** A question as the quiz island receives it (serialised into the page's HTML). */
export type IslandQuestion = OmitEach<QuizQuestion, 'spec'> & { spec: SpecLink[]; key: string };
