import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { AdminClient, AdminProblem, InvitationListing, IssuedLink } from './adminApi.ts';
import { readInvitationForm, type FormProblem } from './invitationForm.ts';
import { NewLinks } from './NewLinks.tsx';

/**
 * One questionnaire's invitations on `/admin`: make links, see what each has
 * led to, make a new link for one (the old one stops working) or revoke it
 * after confirming. Tokens are shown only in `NewLinks`, right after they
 * were made; the list never has them.
 */
type Notice =
  | { readonly kind: 'created'; readonly n: number }
  | { readonly kind: 'resent' | 'revoked'; readonly name: string }
  | { readonly kind: 'problem'; readonly problem: AdminProblem };

const PROBLEM_KEY: Readonly<Record<FormProblem['kind'], string>> = {
  count: 'admin.invitations.countInvalid',
  tooMany: 'admin.invitations.tooMany',
  labelTooLong: 'admin.invitations.labelTooLong',
  days: 'admin.invitations.daysInvalid',
};

export function InvitationPanel({
  questionnaireId,
  client,
  onUnauthorised,
  onChanged,
}: {
  questionnaireId: string;
  client: AdminClient;
  onUnauthorised: (problem: AdminProblem) => void;
  /** After a change the counts above may have changed too. */
  onChanged: () => void;
}) {
  const { t } = useUiText();
  const { dateTime } = useFormatters();
  const id = useId();
  const [list, setList] = useState<readonly InvitationListing[] | 'failed' | null>(null);
  const [form, setForm] = useState({ count: '1', labels: '', days: '' });
  const [problems, setProblems] = useState<readonly FormProblem[]>([]);
  const [links, setLinks] = useState<readonly IssuedLink[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [toRevoke, setToRevoke] = useState<InvitationListing | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const nameOfListed = (invitation: InvitationListing, index: number) =>
    invitation.label ?? t('admin.invitations.unnamed', { n: index + 1 });

  const load = useCallback(async () => {
    const result = await client.invitations(questionnaireId);
    if (result.ok) setList(result.value);
    else if (result.problem.kind === 'wrong_key' || result.problem.kind === 'admin_off')
      onUnauthorised(result.problem);
    else setList('failed');
  }, [client, questionnaireId, onUnauthorised]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Says what happened, and moves focus there: the button pressed may be gone from the list. */
  const tell = (next: Notice) => {
    if (
      next.kind === 'problem' &&
      (next.problem.kind === 'wrong_key' || next.problem.kind === 'admin_off')
    ) {
      onUnauthorised(next.problem);
      return;
    }
    setNotice(next);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  const afterChange = async (next: Notice) => {
    await load();
    onChanged();
    tell(next);
  };

  const create = async () => {
    const read = readInvitationForm(form);
    setProblems(read.ok ? [] : read.problems);
    if (!read.ok) return;
    setBusy(true);
    const result = await client.createInvitations(questionnaireId, read.request);
    setBusy(false);
    if (!result.ok) {
      tell({ kind: 'problem', problem: result.problem });
      return;
    }
    setLinks(result.value);
    setForm({ count: '1', labels: '', days: '' });
    await afterChange({ kind: 'created', n: result.value.length });
  };

  const resend = async (invitation: InvitationListing, name: string) => {
    setBusy(true);
    const result = await client.resendInvitation(invitation.id);
    setBusy(false);
    if (!result.ok) {
      tell({ kind: 'problem', problem: result.problem });
      return;
    }
    setLinks([{ ...result.value, label: name }]);
    await afterChange({ kind: 'resent', name });
  };

  const revoke = async (invitation: InvitationListing, name: string) => {
    setBusy(true);
    const result = await client.revokeInvitation(invitation.id);
    setBusy(false);
    if (!result.ok) {
      tell({ kind: 'problem', problem: result.problem });
      return;
    }
    await afterChange({ kind: 'revoked', name });
  };

  const problemOf = (field: FormProblem['field']) => problems.find((p) => p.field === field);
  const fieldProps = (field: FormProblem['field']) => {
    const problem = problemOf(field);
    return {
      id: `${id}-${field}`,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': [`${id}-${field}-help`, problem ? `${id}-${field}-error` : '']
        .filter(Boolean)
        .join(' '),
    };
  };
  const error = (field: FormProblem['field']) => {
    const problem = problemOf(field);
    return problem ? (
      <p className="ds-validation-message" data-field="validation" id={`${id}-${field}-error`}>
        {t(PROBLEM_KEY[problem.kind] as 'admin.invitations.countInvalid', {
          line: problem.kind === 'labelTooLong' ? problem.line : 0,
        })}
      </p>
    ) : null;
  };

  const isUnlabelled = form.labels.trim() === '';
  return (
    <section className="admin-invitations" aria-labelledby={`${id}-heading`}>
      <h3 className="ds-heading" data-size="xs" id={`${id}-heading`}>
        {t('admin.invitations.heading')}
      </h3>
      <form
        noValidate
        className="admin-form"
        aria-labelledby={`${id}-create-heading`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!isBusy) void create();
        }}
      >
        <h4 className="ds-heading" data-size="2xs" id={`${id}-create-heading`}>
          {t('admin.invitations.createHeading')}
        </h4>
        <div className="ds-field">
          <label className="ds-label" htmlFor={`${id}-labels`}>
            {t('admin.invitations.labels')}
          </label>
          <p className="ds-paragraph admin-subtle" id={`${id}-labels-help`}>
            {t('admin.invitations.labelsHelp')}
          </p>
          <textarea
            className="ds-input"
            rows={3}
            value={form.labels}
            onChange={(event) => setForm({ ...form, labels: event.target.value })}
            {...fieldProps('labels')}
          />
          {error('labels')}
        </div>
        <div className="ds-field">
          <label className="ds-label" htmlFor={`${id}-count`}>
            {t('admin.invitations.count')}
          </label>
          <p className="ds-paragraph admin-subtle" id={`${id}-count-help`}>
            {t('admin.invitations.countHelp')}
          </p>
          <input
            className="ds-input admin-number"
            inputMode="numeric"
            value={form.count}
            disabled={!isUnlabelled}
            onChange={(event) => setForm({ ...form, count: event.target.value })}
            {...fieldProps('count')}
          />
          {error('count')}
        </div>
        <div className="ds-field">
          <label className="ds-label" htmlFor={`${id}-days`}>
            {t('admin.invitations.days')}
          </label>
          <p className="ds-paragraph admin-subtle" id={`${id}-days-help`}>
            {t('admin.invitations.daysHelp')}
          </p>
          <input
            className="ds-input admin-number"
            inputMode="numeric"
            value={form.days}
            onChange={(event) => setForm({ ...form, days: event.target.value })}
            {...fieldProps('days')}
          />
          {error('days')}
        </div>
        <Button type="submit" aria-disabled={isBusy || undefined}>
          {t('admin.invitations.create')}
        </Button>
      </form>

      <p
        ref={noticeRef}
        tabIndex={-1}
        className="ds-paragraph admin-notice"
        role="status"
        data-testid="invitation-notice"
      >
        {notice ? noticeText(t, notice) : null}
      </p>
      {links ? (
        <NewLinks
          questionnaireId={questionnaireId}
          links={links}
          nameOf={(link, index) =>
            link.label ?? t('admin.invitations.linkNumber', { n: index + 1 })
          }
        />
      ) : null}

      {list === 'failed' ? (
        <p className="ds-paragraph">{t('admin.invitations.loadFailed')}</p>
      ) : list && list.length === 0 ? (
        <p className="ds-paragraph" data-testid="invitation-none">
          {t('admin.invitations.none')}
        </p>
      ) : list ? (
        <div className="admin-scroll">
          <table className="ds-table admin-table" data-testid="invitation-list">
            <caption>
              {t('admin.invitations.listCaption', { count: list.length, n: list.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.invitations.colName')}</th>
                <th scope="col">{t('admin.invitations.colState')}</th>
                <th scope="col">{t('admin.invitations.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((invitation, index) => {
                const name = nameOfListed(invitation, index);
                const canChange = invitation.state !== 'revoked' && invitation.state !== 'expired';
                return (
                  <tr
                    key={invitation.id}
                    data-invitation={invitation.id}
                    data-state={invitation.state}
                  >
                    <th scope="row">
                      {name}
                      <span className="admin-subtle admin-created">
                        {t('admin.invitations.createdAt', { date: dateTime(invitation.createdAt) })}
                      </span>
                    </th>
                    <td>{t(`admin.invitations.state.${invitation.state}` as const)}</td>
                    <td className="admin-row-actions">
                      {canChange ? (
                        <>
                          <Button
                            variant="tertiary"
                            aria-label={t('admin.invitations.resendNamed', { name })}
                            aria-disabled={isBusy || undefined}
                            onClick={() => {
                              if (!isBusy) void resend(invitation, name);
                            }}
                          >
                            {t('admin.invitations.resend')}
                          </Button>
                          <Button
                            variant="tertiary"
                            aria-label={t('admin.invitations.revokeNamed', { name })}
                            aria-disabled={isBusy || undefined}
                            onClick={() => {
                              if (isBusy) return;
                              setToRevoke(invitation);
                              dialog.current?.showModal();
                            }}
                          >
                            {t('admin.invitations.revoke')}
                          </Button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      <dialog
        ref={dialog}
        className="ds-dialog"
        aria-labelledby={`${id}-revoke-heading`}
        aria-describedby={`${id}-revoke-body`}
        data-testid="invitation-revoke-dialog"
        onClose={() => setToRevoke(null)}
      >
        <h2 className="ds-heading" data-size="xs" id={`${id}-revoke-heading`}>
          {t('admin.invitations.revokeTitle')}
        </h2>
        <p className="ds-paragraph" id={`${id}-revoke-body`}>
          {toRevoke && list !== 'failed' && list
            ? t('admin.invitations.revokeBody', {
                name: nameOfListed(toRevoke, list.indexOf(toRevoke)),
              })
            : null}
        </p>
        <div className="page-actions">
          {/* First in the dialog, so showModal() focuses it: the safe choice. */}
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            {t('admin.publication.cancel')}
          </Button>
          <Button
            onClick={() => {
              const invitation = toRevoke;
              dialog.current?.close();
              if (invitation && list && list !== 'failed')
                void revoke(invitation, nameOfListed(invitation, list.indexOf(invitation)));
            }}
          >
            {t('admin.invitations.revokeConfirm')}
          </Button>
        </div>
      </dialog>
    </section>
  );
}

function noticeText(t: ReturnType<typeof useUiText>['t'], notice: Notice): string {
  switch (notice.kind) {
    case 'created':
      return t('admin.invitations.created', { count: notice.n, n: notice.n });
    case 'resent':
      return t('admin.invitations.resent', { name: notice.name });
    case 'revoked':
      return t('admin.invitations.revoked', { name: notice.name });
    case 'problem':
      switch (notice.problem.kind) {
        case 'not_found':
          return t('admin.invitations.notFound');
        case 'invitation_closed':
          return notice.problem.reason === 'revoked'
            ? t('admin.invitations.closedRevoked')
            : t('admin.invitations.closedExpired');
        default:
          return t('admin.invitations.actionFailed');
      }
  }
}
