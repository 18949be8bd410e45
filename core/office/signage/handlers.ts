// Console operations for the rest of the policy (issue #15 part A): never-here places, the DSL
// directory, the complaints and whistleblowing wording, posters and the signage register.
import { actorLabel, type OfficeCtx, type OfficeHandlers } from '../context.js';
import { readList, saveList } from '../reference/lists.js';
import type { Signage } from '../../../shared/signage.js';
import { hashPrefix, posterContent, saveSignageSettings, signageSettings } from './content.js';
import { posterPdf, posterPng } from './poster.js';
import { hangPoster, listPosters, takeDownPoster } from './register.js';
import { currentHubPolicy } from '../reference/policy.js';

function signage(ctx: OfficeCtx): Signage {
  const posters = listPosters(ctx.db);
  const policy = currentHubPolicy(ctx.db);
  return {
    neverPlaces: readList(ctx.db, 'never_places'),
    dsls: readList(ctx.db, 'dsls'),
    settings: signageSettings(ctx.db),
    policy: { versionId: policy.versionId, version: policy.version, hashPrefix: policy.version ? hashPrefix(ctx.db, 'en') : '' },
    posters,
    outOfDateCount: posters.filter((p) => p.outOfDate).length,
  };
}

export const signageHandlers: OfficeHandlers<'signage.get' | 'neverPlaces.save' | 'dsls.save' | 'signage.settings' | 'signage.poster' | 'signage.hang' | 'signage.takeDown'> = {
  'signage.get': (_input, ctx) => signage(ctx),

  'neverPlaces.save': (input, ctx) => {
    const changed = saveList(ctx.db, 'never_places', input.neverPlaces, ctx.now);
    if (changed.length) ctx.audit('never_places.save', 'never_places', { changed });
    return readList(ctx.db, 'never_places');
  },

  'dsls.save': (input, ctx) => {
    const changed = saveList(ctx.db, 'dsls', input.dsls, ctx.now);
    if (changed.length) ctx.audit('dsls.save', 'dsls', { changed });
    return readList(ctx.db, 'dsls');
  },

  'signage.settings': (input, ctx) => {
    saveSignageSettings(ctx.db, input);
    ctx.audit('signage.settings', 'signage', { complaintsSet: input.complaints !== '', whistleblowingSet: input.whistleblowing !== '' });
    return signageSettings(ctx.db);
  },

  'signage.poster': (input, ctx) => {
    const c = posterContent(ctx.db, input);
    const pdf = posterPdf(c, input, ctx.now);
    const langs = input.second ? `${input.language}-${input.second}` : input.language;
    return {
      pdf: pdf.toString('base64'),
      png: `data:image/png;base64,${posterPng(pdf).toString('base64')}`,
      fileName: `poster-v${c.policyVersion}-${langs}-${input.size}.pdf`,
      policyVersion: c.policyVersion,
      hashPrefixes: c.hashPrefixes,
    };
  },

  'signage.hang': (input, ctx) => {
    const id = hangPoster(ctx.db, input, actorLabel(ctx.actor), ctx.now);
    ctx.audit('signage.hang', `poster:${id}`, { place: input.place, size: input.size, language: input.language, second: input.second });
    return signage(ctx);
  },

  'signage.takeDown': (input, ctx) => {
    takeDownPoster(ctx.db, input.id, actorLabel(ctx.actor), ctx.now);
    ctx.audit('signage.takeDown', `poster:${input.id}`, {});
    return signage(ctx);
  },
};
