import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { bodyOf } from '../../http/request-data';
import {
  ChangePasswordBody,
  ForgotPasswordBody,
  LoginBody,
  RefreshBody,
  RegisterBody,
  ResetPasswordBody,
} from './auth.schemas';
import { afterResponse } from '../../lib/after-response';
import { assertEmployeeExists, findEmployeeProfile } from '../employees';
import { changePassword, login, logout, refreshSession } from './auth.service';
import { requestPasswordReset, resetPassword } from './password-reset.service';
import { throttlePasswordResetRequest } from './password-reset-throttle';
import { createUser, getPublicUser } from './users.service';

export async function loginHandler(req: Request, res: Response): Promise<void> {
  const { email, password } = bodyOf(req, LoginBody);
  res.json(await login(email, password, req.ip ?? 'unknown'));
}

export async function refreshHandler(req: Request, res: Response): Promise<void> {
  res.json(await refreshSession(bodyOf(req, RefreshBody).refreshToken));
}

export async function logoutHandler(req: Request, res: Response): Promise<void> {
  await logout(bodyOf(req, RefreshBody).refreshToken);
  res.status(204).end();
}

export async function meHandler(req: Request, res: Response): Promise<void> {
  const user = await getPublicUser(requireUser(req).id);
  res.json({ ...user, employee: (await findEmployeeProfile(user.employeeId ?? undefined)) ?? null });
}

export async function changePasswordHandler(req: Request, res: Response): Promise<void> {
  const { currentPassword, newPassword } = bodyOf(req, ChangePasswordBody);
  await changePassword(requireUser(req).id, currentPassword, newPassword, req.ip ?? 'unknown');
  res.status(204).end();
}

/**
 * Only the throttle runs before the answer (the same work for every address); the lookup, the token
 * and the email follow once the answer has gone out, so status, body and timing are the same whether
 * or not the account exists.
 */
export async function forgotPasswordHandler(req: Request, res: Response): Promise<void> {
  const { email } = bodyOf(req, ForgotPasswordBody);
  await throttlePasswordResetRequest(email, req.ip ?? 'unknown');
  res.status(202).json({ message: 'If the address belongs to an account, a reset link has been sent.' });
  afterResponse(res, 'Password reset request', () => requestPasswordReset(email));
}

export async function resetPasswordHandler(req: Request, res: Response): Promise<void> {
  const { token, newPassword } = bodyOf(req, ResetPasswordBody);
  await resetPassword(token, newPassword);
  res.status(204).end();
}

export async function registerHandler(req: Request, res: Response): Promise<void> {
  const input = bodyOf(req, RegisterBody);
  if (input.employeeId) await assertEmployeeExists(input.employeeId);
  const user = await createUser(input);
  res.status(201).json(user);
}
