// GET /api/download/risk-assessment/:exemptionId: a pre-visit request's risk assessment as a PDF
// attachment, for the head and the DSL (core/office/invitations/riskAssessment.ts checks the role
// and audits). The school is the one the URL names and the session is that school's own, so on
// a trust hub one school's session never reaches another school's file: its id finds nothing in
// this school's records, and a session of the other school is not a session here.
// A GET like the CSV export: reading changes nothing but the audit log, and the session cookie
// is SameSite=Strict, so another site cannot make a browser send it.
import type { FastifyInstance } from 'fastify';
import { z } from '../../../shared/zod.js';
import { Id } from '../../../shared/office.js';
import { contentDisposition, openRiskAssessment } from '../invitations/riskAssessment.js';
import { parseInput } from '../parse.js';
import { requireSession } from './guards.js';
import { schoolOf } from './schools.js';

const Params = z.object({ exemptionId: Id }).strict();

export function registerRiskAssessmentRoute(app: FastifyInstance): void {
  app.get<{ Params: { exemptionId: string } }>('/api/download/risk-assessment/:exemptionId', async (req, reply) => {
    const { hub } = schoolOf(req);
    const session = requireSession(req);
    // Only its own parameter: on a trust hub the params also hold the school's slug.
    const { exemptionId } = parseInput(Params, { exemptionId: req.params.exemptionId });
    const file = openRiskAssessment(hub.db, exemptionId, session.actor, hub.now());
    return reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', contentDisposition(file.fileName))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-store')
      .send(file.bytes);
  });
}
