// The kiosk's screen flow as a reducer: what screen is showing and what the visitor typed.
// Resetting returns a fresh state, which is how the idle timeout wipes typed data.
import type { ApprovalOffer, SignOutMatch, SignOutReceipt, VisitReceipt } from '../../../shared/contract';
import type { PhoneChoice, VisitorCategory } from '../../../shared/domain';

export type Screen = 'welcome' | 'who' | 'policy' | 'phone' | 'done' | 'signout-find' | 'signout-confirm' | 'signout-done' | 'card' | 'safeguarding' | 'expected';

export type Draft = {
  category: VisitorCategory | null;
  fullName: string;
  organisation: string;
  agencyRole: string;
  hostId: string;
  purpose: string;
  needsEvacuationHelp: boolean;
  acknowledged: boolean;
  phoneChoice: PhoneChoice | null;
  lockerId: string;
  /** "I have approval to use my device": not asked yet (null), no approval found ('none'), or
   *  the approval found for this name and organisation, whose conditions must be ticked. */
  approval: ApprovalOffer | 'none' | null;
  conditionsAccepted: boolean;
  /** The privacy notice shown on "About you" (version and text hash), recorded with the sign-in. */
  privacyShown: { versionId: string; textHash: string } | null;
  /** The booking the visitor found themselves as ("Expected today?"); the office marks it arrived. */
  expectedId: string | null;
  /** That booking's invitation sent an older policy version than the one in force (issue #14). */
  policyChangedSinceInvitation: boolean;
};

export function isOffer(a: Draft['approval']): a is ApprovalOffer {
  return a !== null && a !== 'none';
}

export type FlowState = {
  screen: Screen;
  draft: Draft;
  receipt: VisitReceipt | null;
  match: SignOutMatch | null;
  signOutReceipt: SignOutReceipt | null;
};

export const emptyDraft: Draft = {
  category: null,
  fullName: '',
  organisation: '',
  agencyRole: '',
  hostId: '',
  purpose: '',
  needsEvacuationHelp: false,
  acknowledged: false,
  phoneChoice: null,
  lockerId: '',
  approval: null,
  conditionsAccepted: false,
  privacyShown: null,
  expectedId: null,
  policyChangedSinceInvitation: false,
};

export const initialFlow: FlowState = { screen: 'welcome', draft: emptyDraft, receipt: null, match: null, signOutReceipt: null };

export type FlowAction =
  | { type: 'go'; screen: Screen }
  | { type: 'edit'; patch: Partial<Draft> }
  | { type: 'signedIn'; receipt: VisitReceipt }
  | { type: 'chooseMatch'; match: SignOutMatch }
  | { type: 'signedOut'; receipt: SignOutReceipt }
  | { type: 'reset' };

export function flowReducer(s: FlowState, a: FlowAction): FlowState {
  switch (a.type) {
    case 'go':
      return { ...s, screen: a.screen };
    case 'edit': {
      const draft = { ...s.draft, ...a.patch };
      // An approval is for one name from one organisation, in one category: a change to any means asking again.
      if (draft.fullName !== s.draft.fullName || draft.organisation !== s.draft.organisation || draft.category !== s.draft.category) {
        draft.approval = null;
        draft.conditionsAccepted = false;
      }
      return { ...s, draft };
    }
    case 'signedIn':
      return { ...initialFlow, screen: 'done', receipt: a.receipt };
    case 'chooseMatch':
      return { ...s, screen: 'signout-confirm', match: a.match };
    case 'signedOut':
      return { ...initialFlow, screen: 'signout-done', signOutReceipt: a.receipt };
    case 'reset':
      return initialFlow;
  }
}

/** Steps of sign-in, for the "Step n of 3" indicator. */
export const SIGN_IN_STEPS: Screen[] = ['who', 'policy', 'phone'];
