// Sends an import upload with XMLHttpRequest — fetch() reports no upload progress — carrying
// the session's CSRF token; answers the status and the JSON body.
import { CSRF_HEADER, csrfToken, forgetCsrfToken } from "@/lib/client/api-fetch";

export type TUploadAnswer = { status: number; body: unknown };

function send(form: FormData, token: string, onProgress: (loaded: number, total: number) => void): Promise<TUploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/imports");
    xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
    xhr.onerror = () => reject(new Error("The upload was interrupted: check the connection and try again."));
    xhr.send(form);
  });
}

const isCsrfRefusal = (answer: TUploadAnswer) =>
  answer.status === 403 && (answer.body as { error?: { code?: string } } | null)?.error?.code === "csrf";

export async function uploadImport(form: FormData, onProgress: (loaded: number, total: number) => void): Promise<TUploadAnswer> {
  const answer = await send(form, await csrfToken(), onProgress);
  if (!isCsrfRefusal(answer)) return answer;
  // The session was renewed in another tab since the token was read: once more with a fresh one.
  forgetCsrfToken();
  return send(form, await csrfToken(), onProgress);
}
