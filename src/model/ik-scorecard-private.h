/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-scorecard-private.h: what the units of the scorecard share: the
 * instance structs of IkScorecard, IkCompetencyRating and
 * IkScorecardRevision, and their helpers across units. */
#pragma once

#include "ik-listeners.h"
#include "ik-scorecard.h"

G_BEGIN_DECLS

/* The version of the canonical serialisation the seal is computed over.
 * Changing what goes into it means a new version, never an edit. */
#define SEAL_VERSION 1
#define SEAL_LENGTH 64

struct _IkCompetencyRating
{
  GObject     parent_instance;
  IkListeners      listeners;

  char       *competency_id;
  char       *competency_name;
  int         rating;
  char       *evidence;
  GStrv       evidence_questions;
  gboolean    read_only;

  JsonObject *unknown;
};

struct _IkScorecardRevision
{
  GObject     parent_instance;

  GDateTime  *time;
  char       *reason;
  GDateTime  *submitted;
  char       *seal;
  JsonObject *content;
  /* The content no longer gives the seal, or the file said so. */
  gboolean    altered;

  JsonObject *unknown;
};

struct _IkScorecard
{
  GObject           parent_instance;
  IkListeners      listeners;

  GListStore       *ratings;
  IkRecommendation  recommendation;
  char             *summary;
  GDateTime        *submitted;
  char             *seal;
  GListStore       *revisions;
  gboolean          read_only;
  /* Submitted, and the content no longer gives the seal (or the file said
   * so: altered_in_file). Never cleared but by a new submission. */
  gboolean          altered;
  gboolean          altered_in_file;

  char             *session_id;
  char             *candidate_id;

  JsonObject       *unknown;

  /* Set during ik_scorecard_update_from(): the ratings' changes are part
   * of one change. */
  gboolean          updating;
};

gboolean  ik_scorecard_is_blank               (const char          *s);
gboolean  ik_scorecard_seal_is_valid          (const char          *seal);
gboolean  ik_competency_rating_read_rating    (JsonObject          *o,
                                               int                 *out,
                                               GError             **error);
void      ik_competency_rating_set_read_only  (IkCompetencyRating  *self,
                                               gboolean             read_only);
void      ik_competency_rating_emit_changed   (IkCompetencyRating  *self);
JsonNode *ik_scorecard_canonical_content_node (IkScorecard         *self);
char     *ik_scorecard_seal_of_content        (JsonObject          *content);

IkCompetencyRating  *ik_competency_rating_new_from_json  (JsonObject          *o,
                                                          GError             **error);
IkCompetencyRating  *ik_competency_rating_new_from_pull  (IkJsonPull          *pull);
void                 ik_competency_rating_to_json        (IkCompetencyRating  *self,
                                                          JsonBuilder         *b);
gboolean             ik_competency_rating_update_from    (IkCompetencyRating  *self,
                                                          IkCompetencyRating  *source);
IkScorecardRevision *ik_scorecard_revision_new_from_json (JsonObject          *o,
                                                          GError             **error);
void                 ik_scorecard_revision_to_json       (IkScorecardRevision *self,
                                                          JsonBuilder         *b);

G_END_DECLS
