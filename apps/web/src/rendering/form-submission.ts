import { FormField, formErrors, isFormProblem } from '../errors/form-errors';
import { WebReply, WebRequest } from '../session/web-request';
import { formBody } from './form-input';
import { FormErrorView, PageRenderer, Translate } from './page-renderer';

/** What a form shows again when its change is refused: the error summary and what was typed. */
export type FormAgain = {
  errors: FormErrorView;
  values: Record<string, string>;
};

export interface FormSubmission {
  /** The form's fields, so each problem links to its input (labels in the page's language). */
  fields: (t: Translate) => FormField[];
  /** Makes the change with the posted fields; answers the page to go to next. */
  act: (form: Record<string, string>) => Promise<string>;
  /** Renders the form again with the problem (at the problem's status). */
  again: (shown: FormAgain, status: number) => Promise<void>;
}

/**
 * Post/redirect/get for one form, the same way on every page: the change is made with the
 * posted fields and the browser is sent on (303); a problem the person can put right (their
 * input, a rule of the domain) shows the form again with the GOV.UK error summary, their
 * input and the problem's status; anything else (404, a failure) goes to the error pages.
 */
export async function submitForm(
  pages: PageRenderer,
  request: WebRequest,
  reply: WebReply,
  submission: FormSubmission,
): Promise<void> {
  const form = formBody(request.body);
  let next: string;
  try {
    next = await submission.act(form);
  } catch (error) {
    if (!isFormProblem(error)) throw error;
    const t = pages.translator(request.locale);
    const errors = formErrors(error, submission.fields(t), t);
    await submission.again({ errors, values: form }, error.status);
    return;
  }
  await pages.redirect(reply, next);
}
