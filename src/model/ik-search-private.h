/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ik-question.h"

G_BEGIN_DECLS

/* Shared by ik-search.c and ik-search-model.c. */
void ik_search_prepare_question (IkQuestion *question);

G_END_DECLS
