/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-library-private.h: what the units of the store share. The store is
 * split by job: ik-library.c (the object, its entries, errors, problems and
 * public getters), ik-library-load.c (reading files, the load),
 * ik-library-save.c (saving, merging, autosave, flush),
 * ik-library-monitor.c (changes by other programs) and ik-library-trash.c
 * (delete and restore). */
#pragma once

#include "ik-library.h"

#include "ik-file-store-private.h"

G_BEGIN_DECLS

/* Events of the file monitor for one file are merged over this time. */
#define EXTERNAL_SETTLE_MS 150

/* A file changed this recently when it is loaded may change again within
 * the same tick of the file system's clock, leaving its stamp as it was
 * (the "racy timestamp" problem): such files are hashed at load. A time
 * with a fraction of a second comes from a fine clock (the kernel's coarse
 * clock ticks every 1 to 10 ms, exFAT every 10 ms); whole seconds may mean
 * a file system that only keeps seconds (ext4 with small inodes) or two
 * (FAT). */
#define STAMP_RACY_FINE_NS (G_GINT64_CONSTANT (250) * 1000000)
#define STAMP_RACY_COARSE_NS (G_GINT64_CONSTANT (2) * 1000000000)



typedef enum
{
  KIND_BANK,
  KIND_SESSION,
} EntryKind;

typedef struct
{
  /* Main thread only. */
  IkLibrary *library;
  EntryKind  kind;
  GObject   *object;
  char      *id;
  char      *path;
  gulong     changed_id;
  guint64    generation;
  guint64    saved_generation;
  guint      timeout_id;
  gboolean   writing;
  gboolean   failed;
  gboolean   read_only;

  /* Why this object is not written (newer format, read-only file or
   * folder); NULL when it is. */
  char      *locked_reason;
  /* The file holds something we cannot read now (a sync client's partial
   * copy): edits stay in memory until a valid file arrives. */
  gboolean   waiting;
  /* An external change arrived while a save was in flight. */
  gboolean   recheck;
  /* Monotonic times of the first change not yet saved, and of the first
   * change made while a write was in flight. */
  gint64     first_dirty_time;
  gint64     first_change_while_writing;

  /* Under library->io_lock. */
  gboolean   gone;
  guint64    written_generation;
  /* What we last read from or wrote to the file: its stamp (on_disk FALSE:
   * there was no file) and, when known, its bytes (the base of a merge;
   * kept once the object was edited or saved in this run). */
  gboolean   on_disk;
  IkFileStamp disk_stamp;
  GBytes    *base;
  /* The stamps of our last few writes, to recognise a late re-read of an
   * older one of ours. */
  IkFileStamp recent_stamps[4];
  guint      recent_next;

  /* Main thread only: locked because the session's body could not be
   * read back (load_session_body()); a valid file unlocks it. */
  gboolean   body_lost;

  /* Main thread only: the question ids counted for this session in
   * library->usage (ik-library-usage.c); NULL when not counted. */
  char     **usage_ids;
} Entry;

struct _IkLibrary
{
  GObject       parent_instance;

  char         *dir;
  char         *kind_dirs[2];
  char         *trash_dir;

  GListStore   *banks;
  GListStore   *sessions;
  GListStore   *problems;

  /* GObject * -> Entry * (a reference) */
  GHashTable   *entries;
  /* file path -> Entry * (unowned): the entry last tracked for each file,
   * so that finding a file's entry does not walk them all */
  GHashTable   *entries_by_path;
  /* how many entries have failed = TRUE */
  guint         n_failed;
  /* id -> IkBank *: every bundled bank, shown or hidden by a user copy */
  GHashTable   *bundled;

  GMutex        io_lock;

  guint         autosave_delay;
  /* How autosave timers are started: g_timeout_add, or a test's. */
  guint       (*add_timeout) (guint       delay_ms,
                              GSourceFunc func,
                              gpointer    data);
  guint         retry_delay;
  guint         retry_id;
  /* Hands the load's freed memory back (ik-library-load.c). */
  guint         trim_id;
  guint         questions_id;   /* reads the banks' pending questions */
  guint         n_writing;
  char         *error;

  gboolean      loading;
  gboolean      loaded;

  GFileMonitor *monitors[2];
  /* path -> source id of the settle timeout */
  GHashTable   *pending_external;

  /* How many reads after a file monitor event finished (tests). */
  guint         n_resyncs;
  /* How many sessions the load read from the index (tests). */
  guint         n_indexed;

  /* Why banks/ or sessions/ cannot be written (a symbolic link, a
   * read-only folder or file system); NULL when they can. */
  char         *kind_locked[2];

  /* The user's retention period: sessions without keep_until get it. */
  guint         retention_months;

  /* question id -> number of sessions that planned it, and the set of
   * entries whose sessions changed since they were counted; NULL until a
   * question's usage is first asked for (ik-library-usage.c). */
  GHashTable   *usage;
  GHashTable   *usage_stale;
};

enum {
  PROP_0,
  PROP_DIR,
  PROP_LOADED,
  PROP_ERROR,
  PROP_HAS_ERROR,
  PROP_SAVING,
  N_PROPS
};

extern GParamSpec *ik_library_properties[N_PROPS];
extern const char * const ik_library_kind_names[2];
extern const char * const ik_library_kind_folders[2];

typedef struct
{
  EntryKind  kind;
  GObject   *object;
  char      *id;
  char      *path;
  /* When read after a file monitor event, or changed just before. */
  GBytes    *contents;
  gboolean   has_stamp;
  IkFileStamp stamp;
  gboolean   read_only;
  gboolean   file_read_only;   /* its owner took away the write permission */
  /* A session read by the fast reader: where its body lies, and what
   * lists show of it (the library index). */
  gboolean   has_summary;
  IkSessionSummary summary;
  /* Read from the index, without its body. */
  gboolean   from_index;
} LoadedItem;

/* The index of session files (ik-library-index.c). */
typedef struct _IkLibraryIndex IkLibraryIndex;

typedef struct
{
  char             *name;
  IkFileStamp       stamp;
  IkSessionSummary  summary;
} IkLibraryIndexEntry;

char                      *ik_library_index_path        (const char             *sessions_dir);
IkLibraryIndex            *ik_library_index_read        (const char             *path,
                                                         const char             *sessions_dir);
void                       ik_library_index_free        (IkLibraryIndex         *index);
const IkLibraryIndexEntry *ik_library_index_lookup      (IkLibraryIndex         *index,
                                                         const char             *name);
guint                      ik_library_index_get_size    (IkLibraryIndex         *index);
GPtrArray                 *ik_library_index_entries_new (void);
IkLibraryIndexEntry       *ik_library_index_entry_new   (const char             *name,
                                                         const IkFileStamp      *stamp,
                                                         const IkSessionSummary *summary);
void                       ik_library_index_write_async (const char             *path,
                                                         const char             *sessions_dir,
                                                         GPtrArray              *entries);
void                       ik_library_index_wait        (void);
gboolean                   ik_library_has_pending_questions (IkLibrary          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkLibraryIndex, ik_library_index_free)

void
ik_library_add_problem (IkLibrary     *self,
                        IkProblemKind  kind,
                        const char    *path,
                        guint          line,
                        guint          column,
                        const char    *message);

void
ik_library_add_writing (IkLibrary *self,
                        int        delta);

void
ik_library_clear_file_problems (IkLibrary  *self,
                                const char *path);

char *
ik_library_entry_dup_display_name (Entry *entry);

void
ik_library_entry_set_failed (Entry    *entry,
                             gboolean  failed);
void
ik_library_entry_failed (Entry        *entry,
                         const GError *error);

gboolean
ik_library_entry_is_dirty (Entry *entry);

Entry *
ik_library_entry_ref (Entry *entry);

void
ik_library_entry_unref (Entry *entry);

gboolean
ik_library_entry_wrote_recently (Entry             *entry,
                                 const IkFileStamp *stamp);

gboolean
ik_library_find_by_id (GListModel *model,
                       const char *id,
                       guint      *position);

Entry *
ik_library_find_entry_by_path (IkLibrary  *self,
                               const char *path);

char *
ik_library_id_from_file_name (const char *name);

GPtrArray *
ik_library_list_dir (const char  *dir,
                     GError     **error);

LoadedItem *
ik_library_load_document (EntryKind    kind,
                          const char  *path,
                          const char  *display_path,
                          const char  *data,
                          gsize        len,
                          const char  *expected_id,
                          gboolean     keep_contents,
                          GPtrArray   *problems);

LoadedItem *
ik_library_load_file (EntryKind   kind,
                      const char *path,
                      const char *expected_id,
                      gboolean    keep_contents,
                      GPtrArray  *problems);

void
ik_library_loaded_item_free (LoadedItem *item);

/* Lowers the calling thread's priority below the main thread's. */
void
ik_library_yield_to_main_thread (void);

gboolean
ik_library_name_is_conflict_copy (const char *name);

char *
ik_library_object_dup_string (GObject    *object,
                              const char *property);

GObject *
ik_library_object_new_from_json (EntryKind   kind,
                                 JsonNode   *root,
                                 GError    **error);

gboolean
ik_library_parse_trash_time (const char *name,
                             gint64     *unix_time);

void
ik_library_queue_resync (IkLibrary  *self,
                         EntryKind   kind,
                         const char *path,
                         guint       delay);

void
ik_library_report_conflict_copy (const char *path,
                                 GPtrArray  *problems);

void
ik_library_schedule_save (Entry *entry,
                          guint  delay);

GBytes *
ik_library_serialise (Entry   *entry,
                      GError **error);

void
ik_library_show_object (IkLibrary  *self,
                        EntryKind   kind,
                        GObject    *object,
                        const char *id);

gboolean
ik_library_stamp_time_is_racy (gint64 time_ns,
                               gint64 now_ns);

void
ik_library_start_monitors (IkLibrary *self);

void
ik_library_start_save (Entry *entry);

GListStore *
ik_library_store_for_kind (IkLibrary *self,
                           EntryKind  kind);

void
ik_library_fill_keep_until (Entry             *entry,
                            const IkFileStamp *stamp);

Entry *
ik_library_track_loaded_item (IkLibrary  *self,
                              LoadedItem *item);

void
ik_library_untrack_object (IkLibrary *self,
                           Entry     *entry);

void
ik_library_update_error (IkLibrary *self);

void     ik_library_entry_update_from      (Entry     *entry,
                                            GObject   *source);

/* For tests only. */
typedef guint (*IkAddTimeoutFunc) (guint       delay_ms,
                                   GSourceFunc func,
                                   gpointer    data);
void     ik_library_set_add_timeout_func   (IkLibrary        *self,
                                            IkAddTimeoutFunc  func);
void     ik_library_set_autosave_delay     (IkLibrary *self,
                                            guint      delay_ms);
void     ik_library_set_retry_delay        (IkLibrary *self,
                                            guint      delay_ms);
guint    ik_library_get_n_resyncs          (IkLibrary *self);
guint    ik_library_get_n_indexed          (IkLibrary *self);
void     ik_library_set_clock_offset       (gint64     offset_ns);
gint64   ik_library_now_ns                 (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, ik_library_entry_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadedItem, ik_library_loaded_item_free)

/* ik-library-usage.c */
void        ik_library_usage_stale             (Entry     *entry);
void        ik_library_usage_forget            (IkLibrary *self,
                                                Entry     *entry);
void        ik_library_usage_clear             (IkLibrary *self);

G_END_DECLS
