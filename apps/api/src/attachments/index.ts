export { type AttachmentRouteOptions, attachmentRoutes } from './attachment-routes.js';
export {
  type AttachmentInfo,
  type AttachmentSubject,
  type AttachmentSubjectKind,
  attachmentResponse,
  insertAttachment,
  listAttachments,
  readAttachment,
  readAttachmentUpload,
  type UploadedAttachment,
} from './attachment-store.js';
export {
  ATTACHMENT_TYPES,
  type AttachmentType,
  DOCUMENT_TYPES,
  DRAWING_TYPES,
  MAX_ATTACHMENT_BYTES,
  sniffAttachmentType,
} from './file-type.js';
