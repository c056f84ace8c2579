import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RosterReportView } from '../../../domain/contracts/rosters.js';
import type { RosterLanguage } from '../../../domain/rosters.js';
import { ApiError, CLIENT_ERROR_CODES } from '../../api/client.js';

export type RosterFormat = 'xlsx' | 'csv';

const base = (placeId: string) => `/api/v1/places/${encodeURIComponent(placeId)}/rosters`;

/** Where the browser downloads a template or an export (the session cookie goes along). */
export const rosterUrls = {
  template: (communityId: string, format: RosterFormat, lang: RosterLanguage) =>
    `${base(communityId)}/template.${format}?lang=${lang}`,
  export: (placeId: string, format: RosterFormat, lang: RosterLanguage) =>
    `${base(placeId)}/export.${format}?lang=${lang}`,
};

/** Send the file as it is: the server tells .xlsx from .csv by its content, not by its name. */
async function upload(communityId: string, step: 'check' | 'import', file: File): Promise<RosterReportView> {
  let response: Response;
  try {
    response = await fetch(`${base(communityId)}/${step}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new ApiError(0, CLIENT_ERROR_CODES.network, 'The network is unavailable.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? CLIENT_ERROR_CODES.badResponse,
      error?.message ?? response.statusText,
    );
  }
  return body as RosterReportView;
}

interface Upload {
  communityId: string;
  file: File;
}

export function useCheckRoster() {
  return useMutation({ mutationFn: ({ communityId, file }: Upload) => upload(communityId, 'check', file) });
}

export function useImportRoster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ communityId, file }: Upload) => upload(communityId, 'import', file),
    // New places and people show up everywhere else (trees, standards, organisation).
    onSuccess: () => qc.invalidateQueries(),
  });
}
