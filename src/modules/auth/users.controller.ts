import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { acceptInvitation, inviteUser } from './invitations.service';
import { listUsers, sendPasswordResetLink, updateUser } from './user-admin.service';
import { AcceptInvitationBody, InvitationCreateBody, UserListQuery, UserUpdateBody } from './users.schemas';

export async function listUsersHandler(req: Request, res: Response): Promise<void> {
  const { page, limit, ...filters } = queryOf(req, UserListQuery);
  res.json(await listUsers(filters, pageRequest({ page, limit })));
}

export async function updateUserHandler(req: Request, res: Response): Promise<void> {
  res.json(await updateUser(paramsOf(req, ID_PARAMS).id, bodyOf(req, UserUpdateBody)));
}

export async function sendPasswordResetHandler(req: Request, res: Response): Promise<void> {
  const { email } = await sendPasswordResetLink(paramsOf(req, ID_PARAMS).id);
  res.status(202).json({ message: `A password reset link has been emailed to ${email}.` });
}

export async function inviteUserHandler(req: Request, res: Response): Promise<void> {
  const invitation = await inviteUser(bodyOf(req, InvitationCreateBody), requireUser(req).id);
  res.status(201).json(invitation);
}

export async function acceptInvitationHandler(req: Request, res: Response): Promise<void> {
  await acceptInvitation(bodyOf(req, AcceptInvitationBody));
  res.status(204).end();
}
