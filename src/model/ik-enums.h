/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-enums.h: the enumerations of the model.
 *
 * This header is read by glib-mkenums (gnome.mkenums_simple), which generates
 * ik-enum-types.h with one GType per enum (IK_TYPE_SENIORITY, …). The nicks
 * below are what the files store, so they must never change.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * IkSeniority:
 *
 * The seniority a candidate interviews for; behavioural anchors can be
 * specialised per seniority.
 */
typedef enum
{
  IK_SENIORITY_JUNIOR, /*< nick=junior >*/
  IK_SENIORITY_MID,    /*< nick=mid >*/
  IK_SENIORITY_SENIOR, /*< nick=senior >*/
  IK_SENIORITY_LEAD,   /*< nick=lead >*/
} IkSeniority;

/**
 * IkSessionState:
 *
 * Where an interview session is in its life cycle.
 */
typedef enum
{
  IK_SESSION_STATE_PLANNED,     /*< nick=planned >*/
  IK_SESSION_STATE_IN_PROGRESS, /*< nick=in-progress >*/
  IK_SESSION_STATE_COMPLETED,   /*< nick=completed >*/
  IK_SESSION_STATE_SUBMITTED,   /*< nick=submitted >*/
} IkSessionState;

/**
 * IkRecommendation:
 *
 * The interviewer's overall hiring recommendation on a scorecard.
 */
typedef enum
{
  IK_RECOMMENDATION_NONE,       /*< nick=no-decision >*/
  IK_RECOMMENDATION_STRONG_NO,  /*< nick=strong-no >*/
  IK_RECOMMENDATION_NO,         /*< nick=no >*/
  IK_RECOMMENDATION_YES,        /*< nick=yes >*/
  IK_RECOMMENDATION_STRONG_YES, /*< nick=strong-yes >*/
} IkRecommendation;

/**
 * IkBankOrigin:
 *
 * Where a question bank came from: made by the user, shipped with the
 * application, or imported from a file.
 */
typedef enum
{
  IK_BANK_ORIGIN_USER,     /*< nick=user >*/
  IK_BANK_ORIGIN_BUNDLED,  /*< nick=bundled >*/
  IK_BANK_ORIGIN_IMPORTED, /*< nick=imported >*/
} IkBankOrigin;

/* Ratings are plain ints: 1..IK_RATING_MAX, or one of these two. */
#define IK_RATING_UNRATED 0
#define IK_RATING_NOT_ASSESSED (-1)
#define IK_RATING_MAX 4

G_END_DECLS
