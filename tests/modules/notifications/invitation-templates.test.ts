import { halfDayNote, invitationMessage } from '../../../src/modules/notifications/templates';

const leave = {
  requestId: '665f1c2e9b1e8a0012345678',
  employeeId: '665f1c2e9b1e8a0012345679',
  leaveTypeName: 'Annual leave',
  startDate: '2026-12-07',
  endDate: '2026-12-09',
  days: 2.5,
  status: 'approved',
};
const whole = { start: false, end: false };

describe('invitation texts', () => {
  it('when half days start or end a leave then the note says which', () => {
    expect(halfDayNote(leave, whole)).toBe('');
    expect(halfDayNote(leave, { start: true, end: false })).toBe('Starts with a half day.');
    expect(halfDayNote(leave, { start: true, end: true })).toBe(
      'Starts with a half day. Ends with a half day.',
    );
    expect(halfDayNote({ ...leave, endDate: leave.startDate }, { start: false, end: true })).toBe(
      'Half a day.',
    );
  });

  it('when a single half day is invited then the summary says so; a longer leave keeps it in the description', () => {
    const single = { ...leave, endDate: leave.startDate, days: 0.5 };
    expect(invitationMessage('approved', 'Ada', single, { start: true, end: false }, false).summary).toBe(
      'Ada: Annual leave (half day)',
    );
    const long = invitationMessage('approved', 'Ada', leave, { start: false, end: true }, false);
    expect(long.summary).toBe('Ada: Annual leave');
    expect(long.description).toBe(
      'Annual leave from 2026-12-07 to 2026-12-09 (2.5 days). Ends with a half day.',
    );
  });

  it('when the change or the reader differs then the subject says what happened to whose leave', () => {
    expect(invitationMessage('approved', 'Ada', leave, whole, false).title).toBe(
      'Your annual leave from 2026-12-07 to 2026-12-09',
    );
    expect(invitationMessage('amended', 'Ada', leave, whole, true).title).toBe(
      "Updated: Ada's annual leave from 2026-12-07 to 2026-12-09",
    );
    const cancelled = invitationMessage('cancelled', 'Ada', leave, whole, false);
    expect(cancelled.title).toMatch(/^Cancelled: /);
    expect(cancelled.text).toContain('was cancelled');
    expect(cancelled.text).toContain('removes it from your calendar');
  });
});
