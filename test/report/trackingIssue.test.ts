import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRACKING_ISSUE_TITLE,
  TRACKING_ISSUE_MARKER,
  type TrackingIssueClient,
  syncTrackingIssue,
} from '../../src/report/trackingIssue.js';
import { buildReport, finding, hostileFinding, notEvaluated } from './fixtures.js';

interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  open: boolean;
  comments: string[];
}

/** In-memory GitHub issues: enough of the API for the tracking issue. */
class FakeIssues implements TrackingIssueClient {
  readonly issues: FakeIssue[] = [];
  async findOpenIssueWithMarker(marker: string): Promise<{ number: number; body: string } | undefined> {
    const issue = this.issues.find((candidate) => candidate.open && candidate.body.includes(marker));
    return issue === undefined ? undefined : { number: issue.number, body: issue.body };
  }
  async create(title: string, body: string, labels: string[]): Promise<number> {
    const number = this.issues.length + 1;
    this.issues.push({ number, title, body, labels, open: true, comments: [] });
    return number;
  }
  async update(number: number, body: string): Promise<void> {
    this.get(number).body = body;
  }
  async comment(number: number, body: string): Promise<void> {
    this.get(number).comments.push(body);
  }
  async close(number: number): Promise<void> {
    this.get(number).open = false;
  }
  private get(number: number): FakeIssue {
    const issue = this.issues.find((candidate) => candidate.number === number);
    if (issue === undefined) throw new Error(`no issue #${number}`);
    return issue;
  }
}

const audit = (overrides: Parameters<typeof buildReport>[0] = {}) => buildReport({ mode: 'audit', base: undefined, head: undefined, ...overrides });

describe('syncTrackingIssue', () => {
  it('opens one issue, updates it in place, then closes it with a comment when clean', async () => {
    const client = new FakeIssues();
    const runUrl = 'https://github.com/acme/infra/actions/runs/42';

    const opened = await syncTrackingIssue(client, audit({ findings: [finding({ id: 'DG106' })] }), { runUrl });
    expect(opened).toEqual({ action: 'opened', number: 1 });
    expect(client.issues).toHaveLength(1);
    const issue = client.issues[0];
    expect(issue?.title).toBe(DEFAULT_TRACKING_ISSUE_TITLE);
    expect(issue?.labels).toEqual(['deploy-guard']);
    expect(issue?.body.startsWith('## FAIL')).toBe(true);
    expect(issue?.body).toContain(TRACKING_ISSUE_MARKER);
    expect(issue?.body).toContain(`[workflow run](${runUrl})`);

    const updated = await syncTrackingIssue(
      client,
      audit({ findings: [finding({ id: 'DG304', level: 'warning', message: 'PR #12 is applied but not merged' })] }),
    );
    expect(updated).toEqual({ action: 'updated', number: 1 });
    expect(client.issues).toHaveLength(1);
    expect(issue?.body.startsWith('## WARN')).toBe(true);
    expect(issue?.body).toContain('DG304 applied-but-unmerged');

    const closed = await syncTrackingIssue(client, audit({ startedAt: '2025-03-05T06:00:00.000Z' }), { runUrl });
    expect(closed).toEqual({ action: 'closed', number: 1 });
    expect(issue?.open).toBe(false);
    expect(issue?.comments).toHaveLength(1);
    expect(issue?.comments[0]).toContain('Resolved at 2025-03-05T06:00:00.000Z');
    expect(issue?.comments[0]).toContain(`[workflow run](${runUrl})`);

    expect(await syncTrackingIssue(client, audit())).toEqual({ action: 'none' });
    expect(client.issues).toHaveLength(1);
  });

  it('treats an audit that could not evaluate as needing attention', async () => {
    const client = new FakeIssues();
    const result = await syncTrackingIssue(client, audit({ notEvaluated: [notEvaluated()] }), { title: 'Audit alarm' });
    expect(result.action).toBe('opened');
    expect(client.issues[0]?.title).toBe('Audit alarm');
    expect(client.issues[0]?.body).toContain('### What was not evaluated');
  });

  it('does not open an issue for notices alone', async () => {
    const client = new FakeIssues();
    expect(await syncTrackingIssue(client, audit({ findings: [finding({ id: 'DG401', level: 'notice' })] }))).toEqual({ action: 'none' });
    expect(client.issues).toHaveLength(0);
  });

  it('keeps the body within GitHub’s issue size limit and free of hostile text', async () => {
    const client = new FakeIssues();
    const findings = [hostileFinding({ message: `${TRACKING_ISSUE_MARKER} @org/team` }), ...Array.from({ length: 3000 }, (_, index) => finding({ line: index + 1 }))];
    await syncTrackingIssue(client, audit({ findings }), { runUrl: 'javascript:alert(1)' });
    const body = client.issues[0]?.body ?? '';
    expect(body.length).toBeLessThan(65_536);
    expect(body.split(TRACKING_ISSUE_MARKER)).toHaveLength(2);
    expect(body).not.toContain('@org');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('javascript:');
    expect(body).toMatch(/more findings in the JSON report/);
  });
});
