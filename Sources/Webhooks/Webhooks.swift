// Webhooks owns the wire types (SubjectAccessReview, AdmissionReview) and the admission policies.
