export { calendarRoutes } from './calendar.routes';
export { leaveEventUid, renderInvitation, sequenceFor } from './calendar-invitations.service';
export type { InvitationInput, Party } from './calendar-invitations.service';
