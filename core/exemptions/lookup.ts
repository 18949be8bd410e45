// The seam for device-use exemptions. The office's exemptions register (a later issue) will
// provide a real lookup; until then no visitor has a valid approval, so a kiosk that is asked
// "I have approval to use my device" records a pending request and sends them to reception.

export type ValidExemption = { id: string; locations: string[]; until: string; conditions: string[] };

export interface ExemptionLookup {
  findValid(nameKey: string, at: Date): ValidExemption | null;
}

export const noExemptionRegisterYet: ExemptionLookup = { findValid: () => null };
