"""What the crawl test does with each model of the app registry: every model must be
decided here (the test fails on one that is not), so a new model is covered or refused.

- ``DIRECTORY``: the allow-list ``directory/fields.py`` decides field by field.
- ``PAGE``: a Wagtail page: its live, unrestricted content is public; an unpublished copy,
  a draft revision and a restricted copy of each kind of page carry markers, and so do the
  staff-only blocks of live pages (``STAFF_ONLY_BLOCKS``).
- ``PRIVATE``: no public output at all: a marker in every text field of every row (one row
  is created when the demo has none).
- ``FILES``: documents and images: public in a public collection; the test adds a private
  collection (view restriction) holding a document and an image with markers.
- ``PUBLIC``: published by design (nothing to plant); ``OUTPUT``: an output itself (its
  rows are scanned); ``SYSTEM``: no text a person enters, and a marker would break the
  site (content types, permission names, derived indexes).
"""

DIRECTORY, PAGE, PRIVATE, FILES, PUBLIC, OUTPUT, SYSTEM = (
    "directory",
    "page",
    "private",
    "files",
    "public",
    "output",
    "system",
)

# Block names whose content is for trainers and staff only, wherever a live page has them.
STAFF_ONLY_BLOCKS = ("facilitator_notes",)

# Append-only models (an UPDATE is refused: by the ORM, and on PostgreSQL by a trigger that
# aborts the transaction): markers go into a new row instead.
APPEND_ONLY = {"referrals.AuditEntry"}
# Models that exist with one database backend only.
BACKEND_ONLY = {"wagtailsearch.SQLiteFTSIndexEntry"}

# Values a new row of an empty private model must have to be saved at all.
ROW_VALUES = {"wagtailcore.ModelLogEntry": {"action": "wagtail.edit"}}

POLICY = {
    # Ruta's apps.
    "website.HomePage": PAGE,
    "website.SiteSettings": (PUBLIC, "quick-exit address and maintainers' address: every page"),
    "infra.BuiltDocument": (OUTPUT, "the built PDFs: read through their URLs"),
    "infra.PDFBuildRequest": (SYSTEM, "when a PDF build was last asked for: a page id and a time"),
    "infra.PageCreation": PRIVATE,  # a page add form's creation key, its user and its page
    "protocol_pages.ProtocolIndexPage": PAGE,
    "protocol_pages.ProtocolEditionPage": PAGE,
    "protocol_pages.ProtocolPhasePage": PAGE,
    "protocol_pages.ProtocolSubRoutePage": PAGE,
    "protocol_pages.ProtocolAnnexPage": PAGE,
    "training.TrainingIndexPage": PAGE,
    "training.TrainingModulePage": PAGE,
    "directory.DirectoryIndexPage": PAGE,
    "search.SearchEntry": (OUTPUT, "the public search index: scanned row by row"),
    "search.SearchTerm": (OUTPUT, "the index's postings: scanned row by row"),
    "search.SearchFailure": PRIVATE,  # searches that found nothing: the admin's report
    "search.SearchRule": (PUBLIC, "editors' synonyms and promotions, applied to public queries"),
    "referrals.Referral": PRIVATE,
    "referrals.StatusChange": PRIVATE,
    "referrals.AuditEntry": PRIVATE,  # append-only: new entries carry the markers
    "referrals.EnrolmentCode": PRIVATE,
    "alerts.Subscription": PRIVATE,  # the subscriber's address: never shown anywhere
    "alerts.Dispatch": PRIVATE,  # which revision was announced, and to how many
    # People, sign-in and sessions.
    "auth.User": PRIVATE,
    "auth.Group": PRIVATE,
    "auth.Permission": (SYSTEM, "permission names come from the code"),
    "contenttypes.ContentType": (SYSTEM, "model names: the site looks them up"),
    "sessions.Session": PRIVATE,
    "otp_totp.TOTPDevice": PRIVATE,
    "otp_static.StaticDevice": PRIVATE,
    "otp_static.StaticToken": PRIVATE,
    "axes.AccessAttempt": PRIVATE,
    "axes.AccessAttemptExpiration": PRIVATE,
    "axes.AccessFailureLog": PRIVATE,
    "axes.AccessLog": PRIVATE,
    "wagtailusers.UserProfile": PRIVATE,
    "django_tasks_database.DBTaskResult": PRIVATE,
    # Wagtail's editorial records.
    "wagtailcore.Page": PAGE,
    "wagtailcore.Revision": PRIVATE,  # every revision that is not a page's live one
    "wagtailcore.PageLogEntry": PRIVATE,
    "wagtailcore.ModelLogEntry": PRIVATE,
    "wagtailcore.Comment": PRIVATE,
    "wagtailcore.CommentReply": PRIVATE,
    "wagtailcore.PageSubscription": PRIVATE,
    "wagtailcore.Workflow": PRIVATE,
    "wagtailcore.WorkflowPage": PRIVATE,
    "wagtailcore.WorkflowContentType": PRIVATE,
    "wagtailcore.WorkflowTask": PRIVATE,
    "wagtailcore.Task": PRIVATE,
    "wagtailcore.GroupApprovalTask": PRIVATE,
    "wagtailcore.WorkflowState": PRIVATE,
    "wagtailcore.TaskState": PRIVATE,
    "wagtailcore.PageViewRestriction": PRIVATE,  # the restricted copies' passwords
    "wagtailcore.CollectionViewRestriction": PRIVATE,  # the private collection's password
    "wagtailcore.GroupPagePermission": PRIVATE,
    "wagtailcore.GroupCollectionPermission": PRIVATE,
    "wagtailcore.GroupSitePermission": PRIVATE,
    "wagtailcore.APIToken": PRIVATE,
    "wagtailcore.UploadedFile": PRIVATE,
    "wagtailadmin.Admin": PRIVATE,
    "wagtailadmin.EditingSession": PRIVATE,
    "wagtailadmin.FormState": PRIVATE,
    "wagtailforms.FormSubmission": PRIVATE,
    "simple_translation.SimpleTranslation": PRIVATE,
    "wagtailcore.Collection": FILES,
    "wagtaildocs.Document": FILES,
    "wagtailimages.Image": FILES,
    "wagtailimages.Rendition": (PUBLIC, "a resized public image (no text)"),
    "taggit.Tag": (PUBLIC, "tags of public documents and images (the private ones get one)"),
    "taggit.TaggedItem": PRIVATE,
    "wagtailcore.Site": (PUBLIC, "host name and site name: every page's metadata"),
    "wagtailcore.Locale": (PUBLIC, "language codes"),
    "wagtailredirects.Redirect": (PUBLIC, "a redirect answers anyone who asks its old path"),
    "wagtailembeds.Embed": (PUBLIC, "oEmbed data of public embeds"),
    "wagtailcore.ReferenceIndex": (SYSTEM, "derived from content, admin only"),
    "wagtailsearch.IndexEntry": (SYSTEM, "Wagtail's admin search index (drafts included)"),
    "wagtailsearch.SQLiteFTSIndexEntry": (SYSTEM, "Wagtail's admin search index (SQLite)"),
}


def decision(label):
    value = POLICY.get(label)
    return value[0] if isinstance(value, tuple) else value


def undecided(labels):
    return sorted(label for label in labels if label not in POLICY)
