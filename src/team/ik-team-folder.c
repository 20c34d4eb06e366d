/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-folder.c: the folder a hiring team shares (ik-team-folder.h).
 *
 * Everything in the folder may have been written by anyone with write
 * access to it, or half-written by a sync client: every file is read with
 * the checks of the library's loader (regular files only, links refused,
 * size capped, strict JSON) and nothing in it decides trust but a
 * signature checked against a key this interviewer pinned.
 *
 * A re-read only opens the files whose stamp (device, inode, size, times)
 * changed since the last one, so the monitor's re-reads of a folder of a
 * thousand scorecards cost a few stat() calls.
 *
 * The folder is shared, so what we write there follows the umask (usually
 * 0644 files, 0755 folders) unlike the private library (0600). */
#define _GNU_SOURCE
#include "config.h"

#include "ik-team-folder.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ik-file-store.h"
#include "ik-json.h"
#include "ik-limits.h"

#define TRUST_FORMAT "interview-kit/team-keys"
#define TRUST_VERSION 1
#define PERSON_VERSION 1
#define SIGNATURE_ALGORITHM "ed25519"
#define PEOPLE_DIR "people"
#define CANDIDATES_DIR "candidates"
/* Sync clients write a file in several steps; one re-read after them. */
#define RELOAD_DELAY_MS 200
/* How often a folder that file monitors cannot watch is re-read (only
 * changed files are opened). */
#define POLL_SECONDS 5
/* A file changed within this time of being read may have changed again in
 * the same tick of the file system's clock (as in ik-file-store.c). */
#define RACY_NS (G_GINT64_CONSTANT (50) * 1000000)

/* ------------------------------------------------------------------ */
/* IkTeamConflict                                                      */

struct _IkTeamConflict
{
  GObject  parent_instance;

  char    *original_path;
  char    *copy_path;
  char    *origin;
};

G_DEFINE_FINAL_TYPE (IkTeamConflict, ik_team_conflict, G_TYPE_OBJECT)

static void
ik_team_conflict_finalize (GObject *object)
{
  IkTeamConflict *self = IK_TEAM_CONFLICT (object);

  g_free (self->original_path);
  g_free (self->copy_path);
  g_free (self->origin);

  G_OBJECT_CLASS (ik_team_conflict_parent_class)->finalize (object);
}

static void
ik_team_conflict_class_init (IkTeamConflictClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ik_team_conflict_finalize;
}

static void
ik_team_conflict_init (IkTeamConflict *self)
{
}

static IkTeamConflict *
ik_team_conflict_new (const char *original_path,
                      const char *copy_path,
                      const char *origin)
{
  IkTeamConflict *self = g_object_new (IK_TYPE_TEAM_CONFLICT, NULL);

  self->original_path = g_strdup (original_path);
  self->copy_path = g_strdup (copy_path);
  self->origin = g_strdup (origin);
  return self;
}

/**
 * ik_team_conflict_get_original_path:
 *
 * Returns: the file the copy conflicts with (it may not exist)
 */
const char *
ik_team_conflict_get_original_path (IkTeamConflict *self)
{
  g_return_val_if_fail (IK_IS_TEAM_CONFLICT (self), NULL);
  return self->original_path;
}

/**
 * ik_team_conflict_get_copy_path:
 *
 * Returns: the conflict copy
 */
const char *
ik_team_conflict_get_copy_path (IkTeamConflict *self)
{
  g_return_val_if_fail (IK_IS_TEAM_CONFLICT (self), NULL);
  return self->copy_path;
}

/**
 * ik_team_conflict_get_origin:
 *
 * Returns: who made the copy: "Syncthing", "Nextcloud" or "Interview Kit"
 */
const char *
ik_team_conflict_get_origin (IkTeamConflict *self)
{
  g_return_val_if_fail (IK_IS_TEAM_CONFLICT (self), NULL);
  return self->origin;
}

/* ------------------------------------------------------------------ */
/* IkTeamFolder                                                        */

/* What the last re-read found at one path of the folder. */
typedef struct
{
  IkFileStamp      stamp;          /* lstat() of the entry when examined */
  gboolean         reusable;       /* the stamp proves the bytes are the same */
  /* scorecard files */
  IkTeamScorecard *card;           /* a readable card or an unreadable entry */
  gboolean         signature_ok;   /* verifies with its own key, ids match */
  /* people files */
  gboolean         person_ok;
  char            *person_name;
  char            *person_key;
  char            *checksum;       /* of the bytes read: did they change? */
  char            *problem;        /* why a scorecard file is unreadable */
} Entry;

/* Reads @path for @entry, stamping it and noting a checksum of its bytes. */
static gboolean
read_entry_bytes (Entry       *entry,
                  const char  *path,
                  char       **data,
                  gsize       *len,
                  GError     **error)
{
  if (!ik_file_store_read_stamped (path, IK_LIMIT_FILE_SIZE, data, len, &entry->stamp, error))
    return FALSE;
  entry->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) *data, *len);
  return TRUE;
}

struct _IkTeamFolder
{
  GObject       parent_instance;

  char         *path;
  IkIdentity   *identity;
  char         *trust_path;

  GHashTable   *pins;          /* interviewer id -> base64 key */
  gboolean      pins_readonly; /* the trust file could not be read */
  /* The trust file as last read or written (a guarded save) and the
   * members a later version wrote into it (kept). */
  IkFileState   trust_file;
  JsonObject   *trust_unknown;
  GHashTable   *names;         /* interviewer id -> display name */
  GHashTable   *entries;       /* path -> Entry */

  GListStore   *scorecards;
  GListStore   *conflicts;
  GError       *error;

  gboolean      watching;
  GHashTable   *monitors;      /* folder path -> GFileMonitor */
  guint         reload_source;
  guint         poll_source;
  gboolean      poll_only;     /* IK_TEAM_FOLDER_POLL: no monitors */
};

G_DEFINE_FINAL_TYPE (IkTeamFolder, ik_team_folder, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->card);
  g_free (entry->person_name);
  g_free (entry->person_key);
  g_free (entry->checksum);
  g_free (entry->problem);
  g_free (entry);
}

static void
ik_team_folder_dispose (GObject *object)
{
  IkTeamFolder *self = IK_TEAM_FOLDER (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->monitors != NULL)
    g_hash_table_remove_all (self->monitors);

  G_OBJECT_CLASS (ik_team_folder_parent_class)->dispose (object);
}

static void
ik_team_folder_finalize (GObject *object)
{
  IkTeamFolder *self = IK_TEAM_FOLDER (object);

  g_free (self->path);
  g_clear_object (&self->identity);
  g_free (self->trust_path);
  g_hash_table_unref (self->pins);
  ik_file_state_clear (&self->trust_file);
  g_clear_pointer (&self->trust_unknown, json_object_unref);
  g_hash_table_unref (self->names);
  g_hash_table_unref (self->entries);
  g_clear_object (&self->scorecards);
  g_clear_object (&self->conflicts);
  g_clear_error (&self->error);
  g_hash_table_unref (self->monitors);

  G_OBJECT_CLASS (ik_team_folder_parent_class)->finalize (object);
}

static void
ik_team_folder_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IkTeamFolder *self = IK_TEAM_FOLDER (object);

  switch (prop_id)
    {
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_team_folder_class_init (IkTeamFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ik_team_folder_dispose;
  object_class->finalize = ik_team_folder_finalize;
  object_class->get_property = ik_team_folder_get_property;

  /**
   * IkTeamFolder:error: (nullable)
   *
   * Why the last re-read (or the trust file) failed, for the user; the
   * previous contents are kept meanwhile. %NULL when all is well.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkTeamFolder::changed:
   *
   * Emitted after each successful re-read of the folder.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ik_team_folder_init (IkTeamFolder *self)
{
  self->pins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->trust_unknown = json_object_new ();
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  self->scorecards = g_list_store_new (IK_TYPE_TEAM_SCORECARD);
  self->conflicts = g_list_store_new (IK_TYPE_TEAM_CONFLICT);
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static void
set_error (IkTeamFolder *self,
           const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* ---- trust file ---- */

/* Reads the pins of @data into self->pins. A pin the file has and we
 * have too with another key: the file's was seen first (it was saved
 * before ours), so it wins, and the scorecards are judged against it at
 * the next re-read. Members a later version added are kept. */
static gboolean
parse_pins (IkTeamFolder  *self,
            const char    *data,
            gsize          len,
            GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *format = NULL;
  JsonArray *keys = NULL;
  JsonObject *o;
  gint64 version = 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  GHashTableIter pins;
  gpointer id;
  gpointer key;

  root = ik_json_parse (data, len, NULL, NULL, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                           _("not a list of team keys of this version"));
      return FALSE;
    }
  o = json_node_get_object (root);
  if (!ik_json_get_string (o, "format", TRUE, &format, error) ||
      !ik_json_get_int (o, "version", TRUE, 1, G_MAXINT, &version, error) ||
      !ik_json_get_array (o, "keys", TRUE, &keys, error))
    return FALSE;
  if (g_strcmp0 (format, TRUST_FORMAT) != 0 || version > TRUST_VERSION)
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                           _("not a list of team keys of this version"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonNode *node = json_array_get_element (keys, i);
      g_autofree char *entry_id = NULL;
      g_autofree char *entry_key = NULL;
      g_autofree char *fingerprint = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("entry %u is not an object"), i + 1);
          return FALSE;
        }
      if (!ik_json_get_id (json_node_get_object (node), "interviewer_id", TRUE, &entry_id, error) ||
          !ik_json_get_string (json_node_get_object (node), "public_key", TRUE, &entry_key, error))
        return FALSE;
      fingerprint = ik_key_fingerprint (entry_key);
      if (fingerprint == NULL)
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("entry %u is not a key"), i + 1);
          return FALSE;
        }
      g_hash_table_replace (read, g_steal_pointer (&entry_id), g_steal_pointer (&entry_key));
    }

  /* Only now that the whole file is good. */
  g_hash_table_iter_init (&pins, read);
  while (g_hash_table_iter_next (&pins, &id, &key))
    {
      const char *ours = g_hash_table_lookup (self->pins, id);

      if (ours != NULL && strcmp (ours, key) != 0)
        g_debug ("Key of %s: the one pinned first, in %s, is kept", (const char *) id, self->trust_path);
      g_hash_table_iter_steal (&pins);
      g_hash_table_replace (self->pins, id, key);
    }
  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &name, &member))
    if (g_strcmp0 (name, "format") != 0 && g_strcmp0 (name, "version") != 0 && g_strcmp0 (name, "keys") != 0)
      json_object_set_member (self->trust_unknown, name, json_node_copy (member));
  return TRUE;
}

static gboolean
load_pins (IkTeamFolder  *self,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gconstpointer data;
  gsize len = 0;

  if (!ik_file_store_load_state (self->trust_path, IK_LIMIT_FILE_SIZE, &self->trust_file, &local_error))
    goto fail;
  if (!self->trust_file.exists)
    return TRUE;
  data = g_bytes_get_data (self->trust_file.bytes, &len);
  if (!parse_pins (self, data, len, &local_error))
    goto fail;
  return TRUE;

fail:
  g_debug ("Team keys %s not read: %s", self->trust_path, local_error->message);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s are a file and the reason it is unusable */
               _("The keys you trust, in “%s”, cannot be read (%s). They are left as they "
                 "are and no new key is remembered until the file is repaired or removed."),
               self->trust_path, local_error->message);
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
pins_to_data (gpointer   data,
              gsize     *len,
              GError   **error)
{
  IkTeamFolder *self = data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer id_key;
  JsonObjectIter members;
  const char *name;
  JsonNode *member;

  g_hash_table_iter_init (&iter, self->pins);
  while (g_hash_table_iter_next (&iter, &id_key, NULL))
    g_ptr_array_add (ids, id_key);
  g_ptr_array_sort (ids, compare_strings);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, TRUST_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, TRUST_VERSION);
  json_builder_set_member_name (b, "keys");
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "interviewer_id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "public_key");
      json_builder_add_string_value (b, g_hash_table_lookup (self->pins, id));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_object_iter_init (&members, self->trust_unknown);
  while (json_object_iter_next (&members, &name, &member))
    {
      json_builder_set_member_name (b, name);
      json_builder_add_value (b, json_node_copy (member));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return ik_json_to_data (root, len, error);
}

/* Another reader's pins, saved since we read the file. */
static gboolean
merge_pins (gpointer   data,
            GBytes    *current,
            GError   **error)
{
  IkTeamFolder *self = data;
  gconstpointer bytes;
  gsize len = 0;

  if (current == NULL)
    return TRUE;
  bytes = g_bytes_get_data (current, &len);
  if (parse_pins (self, bytes, len, error))
    return TRUE;
  /* Someone wrote a file we cannot read: leave it, as at start. */
  self->pins_readonly = TRUE;
  return FALSE;
}

/* Saves the pins over the file as last read or written. Another writer's
 * save since (the command line, a second window) is merged in first: its
 * pins were seen first and win. */
static gboolean
save_pins (IkTeamFolder  *self,
           GError       **error)
{
  g_autofree char *dir = NULL;

  if (self->pins_readonly)
    return TRUE;

  dir = g_path_get_dirname (self->trust_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }

  return ik_file_store_save_merging (self->trust_path, IK_LIMIT_FILE_SIZE, &self->trust_file,
                                     pins_to_data, merge_pins, self, error);
}

/* Pins @key for @id unless a key is pinned already. Returns TRUE if it
 * was pinned now. */
static gboolean
pin_key (IkTeamFolder *self,
         const char   *id,
         const char   *key)
{
  if (g_hash_table_contains (self->pins, id))
    return FALSE;
  g_debug ("Pinning the key of %s", id);
  g_hash_table_insert (self->pins, g_strdup (id), g_strdup (key));
  return TRUE;
}

/**
 * ik_team_folder_new:
 * @path: the team folder
 * @identity: this interviewer
 * @trust_path: the file that keeps the keys this interviewer pinned
 *
 * Makes the team folder object; nothing is read from @path until
 * ik_team_folder_reload() or ik_team_folder_watch(). The pinned keys are
 * read now: if that fails, ::error says so, the file is left alone and no
 * new pin is written to it.
 *
 * Returns: (transfer full): a new team folder
 */
IkTeamFolder *
ik_team_folder_new (const char *path,
                    IkIdentity *identity,
                    const char *trust_path)
{
  g_autoptr(GError) error = NULL;
  IkTeamFolder *self;
  const char *own_pin;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (IK_IS_IDENTITY (identity), NULL);
  g_return_val_if_fail (trust_path != NULL, NULL);

  self = g_object_new (IK_TYPE_TEAM_FOLDER, NULL);
  self->path = g_strdup (path);
  self->identity = g_object_ref (identity);
  self->trust_path = g_strdup (trust_path);

  if (!load_pins (self, &error))
    {
      self->pins_readonly = TRUE;
      set_error (self, error);
    }

  /* Our own key is ours whatever the file says. */
  own_pin = g_hash_table_lookup (self->pins, ik_identity_get_id (identity));
  if (g_strcmp0 (own_pin, ik_identity_get_public_key (identity)) != 0)
    {
      g_hash_table_replace (self->pins, g_strdup (ik_identity_get_id (identity)),
                            g_strdup (ik_identity_get_public_key (identity)));
      g_clear_error (&error);
      if (!save_pins (self, &error))
        g_debug ("Team keys %s not saved: %s", trust_path, error->message);
    }

  return self;
}

/**
 * ik_team_folder_get_path:
 *
 * Returns: the team folder
 */
const char *
ik_team_folder_get_path (IkTeamFolder *self)
{
  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), NULL);
  return self->path;
}

/**
 * ik_team_folder_get_identity:
 *
 * Returns: (transfer none): this interviewer
 */
IkIdentity *
ik_team_folder_get_identity (IkTeamFolder *self)
{
  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), NULL);
  return self->identity;
}

/**
 * ik_team_folder_get_error:
 * @self: a team folder
 *
 * Returns: (nullable): why the last re-read failed (the previous contents
 *   are kept), or why the trusted keys cannot be read; %NULL if all is well
 */
const GError *
ik_team_folder_get_error (IkTeamFolder *self)
{
  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), NULL);
  return self->error;
}

/* ---- writing to the shared folder ---- */

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: a file or folder, then the system's reason */
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* What a file must still be for a write over it to go ahead. */
typedef struct
{
  gboolean    exists;
  IkFileStamp stamp;
} Expect;

static gboolean
still_expected (const char   *path,
                const Expect *expect)
{
  IkFileStamp now;

  if (!ik_file_store_stat (path, &now, NULL))
    return !expect->exists && errno == ENOENT;
  return expect->exists && ik_file_stamp_equal (&now, &expect->stamp);
}

/* Replaces @path with @data atomically: a temporary file named like the
 * library's (a dot file, which sync clients and our reader skip), flushed,
 * then renamed over @path. With @expect, @path must still be as expected
 * right before the rename, else G_IO_ERROR_WRONG_ETAG. */
static gboolean
write_shared_file (const char    *path,
                   const char    *data,
                   gsize          len,
                   const Expect  *expect,
                   GError       **error)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_path = NULL;
  gsize written = 0;
  int saved_errno;
  int dir_fd;
  int fd = -1;

  for (int attempt = 0; attempt < 100 && fd < 0; attempt++)
    {
      g_autofree char *name = NULL;
      char suffix[7];

      for (guint i = 0; i < 6; i++)
        suffix[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      suffix[6] = '\0';
      name = g_strdup_printf (".%s.ik-tmp-%d-%s", base, (int) getpid (), suffix);
      g_free (tmp_path);
      tmp_path = g_build_filename (dir, name, NULL);
      /* The folder is shared: the umask decides who may read. */
      fd = open (tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
      if (fd < 0 && errno != EEXIST)
        break;
    }
  if (fd < 0)
    return set_errno_error (error, errno, path);

  while (written < len)
    {
      gssize n = write (fd, data + written, len - written);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          saved_errno = errno;
          goto fail;
        }
      written += n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      saved_errno = errno;
      fd = -1;
      goto fail;
    }
  fd = -1;

  if (expect != NULL && !still_expected (path, expect))
    {
      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("“%s” changed since it was read; nothing was replaced"), path);
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      goto fail;
    }

  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return set_errno_error (error, saved_errno, path);
}

/* A folder of the team folder: made if missing (following the umask), and
 * never a link or a file. */
static gboolean
ensure_shared_dir (const char  *path,
                   GError     **error)
{
  struct stat st;

  if (g_mkdir (path, 0777) != 0 && errno != EEXIST)
    return set_errno_error (error, errno, path);
  if (lstat (path, &st) != 0)
    return set_errno_error (error, errno, path);
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("Could not write into “%s”: it is not a folder"), path);
      return FALSE;
    }
  return TRUE;
}

/* ---- publishing ---- */

typedef struct
{
  char   *root;
  char   *people_dir;
  char   *candidates_dir;
  char   *candidate_dir;
  char   *person_path;
  GBytes *person_data;
  char   *card_path;
  GBytes *card_data;
} PublishJob;

static void
publish_job_free (PublishJob *job)
{
  g_free (job->root);
  g_free (job->people_dir);
  g_free (job->candidates_dir);
  g_free (job->candidate_dir);
  g_free (job->person_path);
  g_clear_pointer (&job->person_data, g_bytes_unref);
  g_free (job->card_path);
  g_clear_pointer (&job->card_data, g_bytes_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PublishJob, publish_job_free)

/* The wrapper of a signed payload, as written to the folder. */
static GBytes *
signed_file (IkIdentity  *identity,
             const char  *format,
             int          version,
             const char  *payload,
             GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *signature = NULL;
  char *data;
  gsize len = 0;

  signature = ik_identity_sign (identity, payload, strlen (payload), error);
  if (signature == NULL)
    return NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, format);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, version);
  json_builder_set_member_name (b, "payload");
  json_builder_add_string_value (b, payload);
  json_builder_set_member_name (b, "signature");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "algorithm");
  json_builder_add_string_value (b, SIGNATURE_ALGORITHM);
  json_builder_set_member_name (b, "public_key");
  json_builder_add_string_value (b, ik_identity_get_public_key (identity));
  json_builder_set_member_name (b, "value");
  json_builder_add_string_value (b, signature);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  data = ik_json_to_data (root, &len, error);
  if (data == NULL)
    return NULL;
  return g_bytes_new_take (data, len);
}

static char *
person_payload (IkIdentity  *identity,
                const char  *display_name,
                GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out = g_string_new (NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "interviewer_id");
  json_builder_add_string_value (b, ik_identity_get_id (identity));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, display_name != NULL ? display_name : "");
  json_builder_set_member_name (b, "public_key");
  json_builder_add_string_value (b, ik_identity_get_public_key (identity));
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  if (!ik_json_write (out, root, IK_JSON_WRITE_COMPACT, error))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Everything that needs the session or the key, in the caller's thread:
 * what is left is writing bytes. */
static PublishJob *
prepare_publish (IkTeamFolder  *self,
                 IkSession     *session,
                 const char    *display_name,
                 gboolean       share_notes,
                 GError       **error)
{
  g_autoptr(PublishJob) job = g_new0 (PublishJob, 1);
  g_autoptr(IkTeamScorecard) card = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *person = NULL;
  g_autofree char *file_name = NULL;
  const char *candidate_id = ik_session_get_candidate_id (session);
  const char *interviewer_id = ik_identity_get_id (self->identity);

  if (!ik_id_is_valid (candidate_id))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This interview has no candidate id, so it cannot be shared with the team"));
      return NULL;
    }
  card = ik_team_scorecard_new_from_session (session, interviewer_id, display_name, share_notes, NULL);
  if (card == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Only a submitted scorecard can be shared with the team"));
      return NULL;
    }
  payload = ik_team_scorecard_to_payload (card);
  if (payload == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The scorecard could not be written for the team"));
      return NULL;
    }

  job->card_data = signed_file (self->identity, IK_TEAM_SCORECARD_FORMAT, IK_TEAM_SCORECARD_VERSION,
                                payload, error);
  if (job->card_data == NULL)
    return NULL;
  person = person_payload (self->identity, display_name, error);
  if (person == NULL)
    return NULL;
  job->person_data = signed_file (self->identity, IK_TEAM_PERSON_FORMAT, PERSON_VERSION, person, error);
  if (job->person_data == NULL)
    return NULL;

  file_name = g_strconcat (interviewer_id, ".json", NULL);
  job->root = g_strdup (self->path);
  job->people_dir = g_build_filename (self->path, PEOPLE_DIR, NULL);
  job->candidates_dir = g_build_filename (self->path, CANDIDATES_DIR, NULL);
  job->candidate_dir = g_build_filename (job->candidates_dir, candidate_id, NULL);
  job->person_path = g_build_filename (job->people_dir, file_name, NULL);
  job->card_path = g_build_filename (job->candidate_dir, file_name, NULL);
  return g_steal_pointer (&job);
}

static gboolean
run_publish (PublishJob    *job,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *current = NULL;
  gsize current_len = 0;
  struct stat st;

  /* A team folder that is not there (an unplugged disk, a typo) is not
   * made: that would publish into a folder nobody syncs. */
  if (stat (job->root, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The team folder “%s” is not there"), job->root);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!ensure_shared_dir (job->people_dir, error) ||
      !ensure_shared_dir (job->candidates_dir, error) ||
      !ensure_shared_dir (job->candidate_dir, error))
    return FALSE;

  /* The key goes first, so that it is never behind what it signs. */
  {
    gsize len;
    const char *data = g_bytes_get_data (job->person_data, &len);

    if ((!ik_file_store_read (job->person_path, IK_LIMIT_FILE_SIZE, &current, &current_len, NULL) ||
         current_len != len || memcmp (current, data, len) != 0) &&
        !write_shared_file (job->person_path, data, len, NULL, error))
      return FALSE;
  }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  {
    gsize len;
    const char *data = g_bytes_get_data (job->card_data, &len);

    if (!write_shared_file (job->card_path, data, len, NULL, error))
      return FALSE;
  }
  g_debug ("Published %s", job->card_path);
  return TRUE;
}

/**
 * ik_team_folder_publish:
 * @self: a team folder
 * @session: a session whose scorecard is submitted
 * @display_name: the name the team knows this interviewer by
 * @share_notes: whether the notes per question go with the scorecard
 * @error: return location for an error
 *
 * Signs and writes `candidates/<candidate-id>/<interviewer-id>.json`, and
 * `people/<interviewer-id>.json` when it is missing or out of date. The
 * folder itself must exist; its subfolders are made. The lists are not
 * re-read: the monitor, or a call to ik_team_folder_reload(), does that.
 *
 * Returns: %TRUE on success; %FALSE with G_IO_ERROR_INVALID_ARGUMENT if the
 *   scorecard is not submitted or the session has no candidate id
 */
gboolean
ik_team_folder_publish (IkTeamFolder  *self,
                        IkSession     *session,
                        const char    *display_name,
                        gboolean       share_notes,
                        GError       **error)
{
  g_autoptr(PublishJob) job = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), FALSE);
  g_return_val_if_fail (IK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = prepare_publish (self, session, display_name, share_notes, &local_error);
  if (job == NULL || !run_publish (job, NULL, &local_error))
    {
      g_debug ("Publishing to %s failed: %s", self->path, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
publish_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_publish (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    {
      g_debug ("Publishing failed: %s", error->message);
      g_task_return_error (task, error);
    }
}

/**
 * ik_team_folder_publish_async:
 * @self: a team folder
 * @session: a session whose scorecard is submitted
 * @display_name: the name the team knows this interviewer by
 * @share_notes: whether the notes per question go with the scorecard
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the files are written
 * @user_data: for @callback
 *
 * Like ik_team_folder_publish(), with the writes in a worker thread. The
 * scorecard is taken and signed now: later edits of @session do not reach
 * this publication.
 */
void
ik_team_folder_publish_async (IkTeamFolder        *self,
                              IkSession           *session,
                              const char          *display_name,
                              gboolean             share_notes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PublishJob *job;

  g_return_if_fail (IK_IS_TEAM_FOLDER (self));
  g_return_if_fail (IK_IS_SESSION (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_team_folder_publish_async);

  job = prepare_publish (self, session, display_name, share_notes, &error);
  if (job == NULL)
    {
      g_debug ("Publishing to %s failed: %s", self->path, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, job, (GDestroyNotify) publish_job_free);
  g_task_run_in_thread (task, publish_thread);
}

/**
 * ik_team_folder_publish_finish:
 * @self: a team folder
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the files are written
 */
gboolean
ik_team_folder_publish_finish (IkTeamFolder  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_team_folder_publish_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- reading ---- */

/* Names of files that are not (yet) anybody's: ours and sync clients'
 * temporary files, editors' backups. */
static gboolean
is_temporary_name (const char *name)
{
  return name[0] == '.' || name[0] == '~' ||
         g_str_has_suffix (name, "~") || g_str_has_suffix (name, ".tmp") ||
         g_str_has_suffix (name, ".part");
}

/* The stem of `<stem>.json`, if it is an id. */
static char *
id_of_file_name (const char *name)
{
  g_autofree char *stem = NULL;

  if (!g_str_has_suffix (name, ".json"))
    return NULL;
  stem = g_strndup (name, strlen (name) - strlen (".json"));
  return ik_id_is_valid (stem) ? g_steal_pointer (&stem) : NULL;
}

/* Recognises a sync client's conflict copy of `<id>.json`:
 *   Syncthing      <id>.sync-conflict-<date>-<time>-<device>.json
 *   Nextcloud      <id> (conflicted copy <date> <time>).json
 *                  (ownCloud and Dropbox name theirs alike)
 *   Interview Kit  <id>.conflict-<UTC>.json (ik_file_store_conflict_path)
 * Returns the id of the original and who made the copy. */
static char *
conflict_original_id (const char  *name,
                      const char **origin)
{
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  const char *mark;

  if (!g_str_has_suffix (name, ".json"))
    return NULL;
  base = g_strndup (name, strlen (name) - strlen (".json"));

  if ((mark = strstr (base, ".sync-conflict-")) != NULL && mark[strlen (".sync-conflict-")] != '\0')
    *origin = "Syncthing";
  else if ((mark = strstr (base, " (")) != NULL && g_str_has_suffix (base, ")") &&
           strstr (mark, "conflicted copy") != NULL)
    *origin = "Nextcloud";
  else if ((mark = strstr (base, ".conflict-")) != NULL && mark[strlen (".conflict-")] != '\0')
    *origin = "Interview Kit";
  else
    return NULL;

  stem = g_strndup (base, mark - base);
  return ik_id_is_valid (stem) ? g_steal_pointer (&stem) : NULL;
}

/* The signed payload of a file the folder holds, and who says they signed
 * it; the signature itself is checked by the caller. */
static gboolean
read_signed_file (const char   *data,
                  gsize         len,
                  const char   *format,
                  int           max_version,
                  char        **payload,
                  char        **public_key,
                  char        **signature,
                  GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *file_format = NULL;
  g_autofree char *algorithm = NULL;
  JsonObject *o;
  JsonObject *sig = NULL;
  JsonNode *node;
  gint64 version = 0;

  root = ik_json_parse (data, len, NULL, NULL, error);
  if (root == NULL)
    return FALSE;
  o = json_node_get_object (root);
  if (!ik_json_get_string (o, "format", TRUE, &file_format, error) ||
      !ik_json_get_int (o, "version", TRUE, 1, G_MAXINT, &version, error) ||
      !ik_json_get_object (o, "signature", TRUE, &sig, error) ||
      !ik_json_get_string (sig, "algorithm", TRUE, &algorithm, error) ||
      !ik_json_get_string (sig, "public_key", TRUE, public_key, error) ||
      !ik_json_get_string (sig, "value", TRUE, signature, error))
    return FALSE;
  if (g_strcmp0 (file_format, format) != 0)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT, _("Not a file of the format %s"), format);
      return FALSE;
    }
  if (version > max_version)
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_NEWER_VERSION,
                           _("Written by a newer version of Interview Kit"));
      return FALSE;
    }
  if (g_strcmp0 (algorithm, SIGNATURE_ALGORITHM) != 0)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT, _("Unknown signature algorithm"));
      return FALSE;
    }
  /* The payload may be longer than any one text of a document: the file
   * size capped it already, and the parser checked its UTF-8. */
  node = json_object_get_member (o, "payload");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID, _("payload: a string is required"));
      return FALSE;
    }
  *payload = g_strdup (json_node_get_string (node));
  return TRUE;
}

static void
read_person (Entry      *entry,
             const char *path,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *key = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *payload_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *payload_key = NULL;
  JsonObject *o;
  gsize len = 0;

  if (!read_entry_bytes (entry, path, &data, &len, &error) ||
      !read_signed_file (data, len, IK_TEAM_PERSON_FORMAT, PERSON_VERSION, &payload, &key, &signature, &error))
    {
      g_debug ("Person file %s not read: %s", path, error->message);
      return;
    }
  if (!ik_signature_verify (key, payload, strlen (payload), signature))
    {
      g_debug ("Person file %s: the signature does not match", path);
      return;
    }
  root = ik_json_parse (payload, strlen (payload), NULL, NULL, &error);
  if (root == NULL)
    {
      g_debug ("Person file %s: %s", path, error->message);
      return;
    }
  o = json_node_get_object (root);
  if (!ik_json_get_id (o, "interviewer_id", TRUE, &payload_id, &error) ||
      !ik_json_get_string (o, "name", TRUE, &name, &error) ||
      !ik_json_get_string (o, "public_key", TRUE, &payload_key, &error))
    {
      g_debug ("Person file %s: %s", path, error->message);
      return;
    }
  if (strcmp (payload_id, id) != 0 || strcmp (payload_key, key) != 0)
    {
      g_debug ("Person file %s: it is not %s's, or not signed by its own key", path, id);
      return;
    }
  entry->person_ok = TRUE;
  entry->person_name = g_steal_pointer (&name);
  entry->person_key = g_steal_pointer (&key);
}

static void
read_scorecard (Entry      *entry,
                const char *path,
                const char *candidate_id,
                const char *interviewer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkTeamScorecard) card = NULL;
  g_autofree char *data = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *key = NULL;
  g_autofree char *signature = NULL;
  gsize len = 0;

  if (!read_entry_bytes (entry, path, &data, &len, &error) ||
      !read_signed_file (data, len, IK_TEAM_SCORECARD_FORMAT, IK_TEAM_SCORECARD_VERSION,
                         &payload, &key, &signature, &error) ||
      (card = ik_team_scorecard_new_from_payload (payload, strlen (payload), &error)) == NULL)
    {
      g_debug ("Scorecard %s not read: %s", path, error->message);
      entry->card = ik_team_scorecard_new_unreadable (candidate_id, interviewer_id, path);
      entry->problem = g_strdup (error->message);
      return;
    }

  /* A signed file moved to another interviewer's or candidate's place is
   * not theirs: the signature covers the payload, not the path. */
  if (strcmp (ik_team_scorecard_get_interviewer_id (card), interviewer_id) != 0 ||
      strcmp (ik_team_scorecard_get_candidate_id (card), candidate_id) != 0)
    {
      g_debug ("Scorecard %s: its ids (%s, %s) do not match its place", path,
               ik_team_scorecard_get_candidate_id (card), ik_team_scorecard_get_interviewer_id (card));
      entry->card = ik_team_scorecard_new_unreadable (candidate_id, interviewer_id, path);
      ik_team_scorecard_set_public_key (entry->card, key);
      entry->problem = g_strdup (_("The file names another candidate or interviewer than the folder it is in."));
      return;
    }

  entry->signature_ok = ik_signature_verify (key, payload, strlen (payload), signature);
  if (!entry->signature_ok)
    g_debug ("Scorecard %s: the signature does not match its content", path);
  ik_team_scorecard_set_public_key (card, key);
  ik_team_scorecard_set_path (card, path);
  entry->card = g_steal_pointer (&card);
}

typedef enum
{
  KIND_PERSON,
  KIND_SCORECARD,
} Kind;

/* The entry for @path: the last one if its stamp proves it unchanged, else
 * a new one read now. */
static Entry *
examine (IkTeamFolder *self,
         const char   *path,
         Kind          kind,
         const char   *candidate_id,
         const char   *id)
{
  Entry *old = g_hash_table_lookup (self->entries, path);
  IkFileStamp stamp;
  Entry *entry;

  if (!ik_file_store_stat (path, &stamp, NULL))
    return NULL;

  if (old != NULL && old->reusable && ik_file_stamp_equal (&old->stamp, &stamp))
    {
      g_autofree char *old_path = NULL;

      g_hash_table_steal_extended (self->entries, path, (gpointer *) &old_path, (gpointer *) &entry);
      return entry;
    }

  entry = g_new0 (Entry, 1);
  entry->stamp = stamp;
  if (kind == KIND_PERSON)
    read_person (entry, path, id);
  else
    read_scorecard (entry, path, candidate_id, id);
  entry->reusable = entry->stamp.mtime_ns < entry->stamp.taken_ns - RACY_NS &&
                    entry->stamp.ctime_ns < entry->stamp.taken_ns - RACY_NS;
  return entry;
}

typedef struct
{
  GHashTable *entries;      /* path -> Entry */
  GPtrArray  *cards;        /* Entry, borrowed */
  GPtrArray  *conflicts;    /* IkTeamConflict */
  GPtrArray  *dirs;         /* the folders to watch */
  gboolean    fresh;        /* a file was (re)read: something changed */
} Scan;

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->entries, g_hash_table_unref);
  g_clear_pointer (&scan->cards, g_ptr_array_unref);
  g_clear_pointer (&scan->conflicts, g_ptr_array_unref);
  g_clear_pointer (&scan->dirs, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scan, scan_clear)

static gboolean
is_plain_dir (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

/* Reads one folder of files named by ids (people/ or one candidate's). */
static void
scan_dir (IkTeamFolder *self,
          Scan         *scan,
          const char   *dir_path,
          Kind          kind,
          const char   *candidate_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;

  if (dir == NULL)
    {
      g_debug ("Team folder %s not read: %s", dir_path, error->message);
      return;
    }
  g_ptr_array_add (scan->dirs, g_strdup (dir_path));

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;
      const char *origin = NULL;
      Entry *entry;
      Entry *old;

      if (is_temporary_name (name))
        continue;
      path = g_build_filename (dir_path, name, NULL);

      if ((id = conflict_original_id (name, &origin)) != NULL)
        {
          g_autofree char *original_name = g_strconcat (id, ".json", NULL);
          g_autofree char *original = g_build_filename (dir_path, original_name, NULL);

          g_ptr_array_add (scan->conflicts, ik_team_conflict_new (original, path, origin));
          continue;
        }
      if ((id = id_of_file_name (name)) == NULL)
        continue;

      old = g_hash_table_lookup (self->entries, path);
      entry = examine (self, path, kind, candidate_id, id);
      if (entry == NULL)
        continue;
      /* Re-read (the stamp could not prove it unchanged) and different. */
      if (entry != old && (old == NULL || g_strcmp0 (old->checksum, entry->checksum) != 0))
        scan->fresh = TRUE;
      g_hash_table_replace (scan->entries, g_strdup (path), entry);
      if (kind == KIND_SCORECARD)
        g_ptr_array_add (scan->cards, entry);
    }
}

static gboolean
same_conflicts (GListModel *before,
                GPtrArray  *now)
{
  if (g_list_model_get_n_items (before) != now->len)
    return FALSE;
  for (guint i = 0; i < now->len; i++)
    {
      g_autoptr(IkTeamConflict) old = g_list_model_get_item (before, i);

      if (g_strcmp0 (ik_team_conflict_get_copy_path (old),
                     ik_team_conflict_get_copy_path (g_ptr_array_index (now, i))) != 0)
        return FALSE;
    }
  return TRUE;
}

static int
compare_cards (gconstpointer a,
               gconstpointer b)
{
  IkTeamScorecard *x = *(IkTeamScorecard **) a;
  IkTeamScorecard *y = *(IkTeamScorecard **) b;
  g_autofree char *x_name = NULL;
  g_autofree char *y_name = NULL;
  int cmp;

  cmp = strcmp (ik_team_scorecard_get_candidate_id (x), ik_team_scorecard_get_candidate_id (y));
  if (cmp != 0)
    return cmp;
  /* The same order on every machine, whatever its locale: the debriefs of
   * a team must be identical. */
  x_name = g_utf8_casefold (ik_team_scorecard_get_interviewer_name (x), -1);
  y_name = g_utf8_casefold (ik_team_scorecard_get_interviewer_name (y), -1);
  cmp = strcmp (x_name, y_name);
  if (cmp != 0)
    return cmp;
  cmp = strcmp (ik_team_scorecard_get_interviewer_name (x), ik_team_scorecard_get_interviewer_name (y));
  if (cmp != 0)
    return cmp;
  return strcmp (ik_team_scorecard_get_interviewer_id (x), ik_team_scorecard_get_interviewer_id (y));
}

static int
compare_conflicts (gconstpointer a,
                   gconstpointer b)
{
  IkTeamConflict *x = *(IkTeamConflict **) a;
  IkTeamConflict *y = *(IkTeamConflict **) b;

  return strcmp (x->copy_path, y->copy_path);
}

static void update_monitors (IkTeamFolder *self,
                             GPtrArray    *dirs);

static gboolean
reload (IkTeamFolder  *self,
        gboolean      *changed,
        GError       **error)
{
  g_auto(Scan) scan = { 0 };
  g_autofree char *people_dir = NULL;
  g_autofree char *candidates_dir = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  gboolean pinned = FALSE;
  struct stat st;

  if (stat (self->path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: a folder, then the system's reason */
                   _("The team folder “%s” cannot be read: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("The team folder “%s” is not a folder"), self->path);
      return FALSE;
    }

  scan.entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  scan.cards = g_ptr_array_new ();
  scan.conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  scan.dirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (scan.dirs, g_strdup (self->path));

  people_dir = g_build_filename (self->path, PEOPLE_DIR, NULL);
  if (is_plain_dir (people_dir))
    scan_dir (self, &scan, people_dir, KIND_PERSON, NULL);

  candidates_dir = g_build_filename (self->path, CANDIDATES_DIR, NULL);
  if (is_plain_dir (candidates_dir))
    {
      g_autoptr(GDir) dir = g_dir_open (candidates_dir, 0, NULL);
      const char *name;

      g_ptr_array_add (scan.dirs, g_strdup (candidates_dir));
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *candidate_dir = NULL;

          if (!ik_id_is_valid (name))
            continue;
          candidate_dir = g_build_filename (candidates_dir, name, NULL);
          if (is_plain_dir (candidate_dir))
            scan_dir (self, &scan, candidate_dir, KIND_SCORECARD, name);
        }
    }

  /* People files first: they are where keys are pinned from. A scorecard's
   * own key is never enough, or anyone could pin a key for a colleague
   * whose people file has not arrived yet. */
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    GHashTableIter iter;
    const char *path;
    Entry *entry;

    g_hash_table_iter_init (&iter, scan.entries);
    while (g_hash_table_iter_next (&iter, (gpointer *) &path, (gpointer *) &entry))
      {
        g_autofree char *base = NULL;
        g_autofree char *id = NULL;

        if (!entry->person_ok)
          continue;
        base = g_path_get_basename (path);
        id = id_of_file_name (base);
        g_assert (id != NULL);
        if (pin_key (self, id, entry->person_key))
          pinned = TRUE;
        if (g_strcmp0 (g_hash_table_lookup (self->pins, id), entry->person_key) == 0)
          g_hash_table_replace (names, g_steal_pointer (&id), g_strdup (entry->person_name));
        else
          g_debug ("Person file %s is signed by a key other than the one pinned", path);
      }
  }

  cards = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < scan.cards->len; i++)
    {
      Entry *entry = g_ptr_array_index (scan.cards, i);
      IkTeamScorecard *card = entry->card;
      const char *pin = g_hash_table_lookup (self->pins, ik_team_scorecard_get_interviewer_id (card));
      IkSignatureState state;

      if (!entry->signature_ok)
        state = IK_SIGNATURE_ALTERED;
      else if (pin == NULL)
        state = IK_SIGNATURE_UNKNOWN;
      else if (strcmp (pin, ik_team_scorecard_get_public_key (card)) != 0)
        state = IK_SIGNATURE_KEY_CHANGED;
      else
        state = IK_SIGNATURE_VALID;
      if (state != IK_SIGNATURE_VALID)
        g_debug ("Scorecard %s: signature state %d", ik_team_scorecard_get_path (card), state);
      ik_team_scorecard_set_signature_state (card, state);
      g_ptr_array_add (cards, g_object_ref (card));
    }
  g_ptr_array_sort (cards, compare_cards);
  g_ptr_array_sort (scan.conflicts, compare_conflicts);

  if (pinned)
    {
      g_autoptr(GError) save_error = NULL;

      if (!save_pins (self, &save_error))
        g_debug ("Team keys %s not saved: %s", self->trust_path, save_error->message);
    }

  /* Changed: a file read anew, one gone (its old entry was not taken
   * over), a key pinned, or other conflict copies. */
  *changed = scan.fresh || pinned || !same_conflicts (G_LIST_MODEL (self->conflicts), scan.conflicts);
  {
    GHashTableIter iter;
    const char *path;

    g_hash_table_iter_init (&iter, self->entries);
    while (!*changed && g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
      if (!g_hash_table_contains (scan.entries, path))
        *changed = TRUE;
  }
  g_hash_table_unref (self->entries);
  self->entries = g_steal_pointer (&scan.entries);
  g_hash_table_unref (self->names);
  self->names = g_steal_pointer (&names);
  g_list_store_splice (self->scorecards, 0, g_list_model_get_n_items (G_LIST_MODEL (self->scorecards)),
                       cards->pdata, cards->len);
  g_list_store_splice (self->conflicts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->conflicts)),
                       scan.conflicts->pdata, scan.conflicts->len);
  if (self->watching && !self->poll_only)
    update_monitors (self, scan.dirs);

  g_debug ("Team folder %s read: %u scorecards, %u conflicts", self->path, cards->len, scan.conflicts->len);
  return TRUE;
}

/**
 * ik_team_folder_reload:
 * @self: a team folder
 * @error: return location for an error
 *
 * Reads the whole folder now (only the files changed since the last read
 * are opened) and emits ::changed. A missing folder is an error, and the
 * lists keep what they held; files that are not signed scorecards become
 * %IK_SIGNATURE_ALTERED entries.
 *
 * Returns: %TRUE on success
 */
gboolean
ik_team_folder_reload (IkTeamFolder  *self,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean changed;

  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!reload (self, &changed, &local_error))
    {
      g_debug ("Team folder %s not read: %s", self->path, local_error->message);
      set_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* A trust file that cannot be read stays an error until it is fixed. */
  if (!self->pins_readonly)
    set_error (self, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* ---- watching ---- */

static gboolean
reload_cb (gpointer user_data)
{
  IkTeamFolder *self = user_data;

  self->reload_source = 0;
  ik_team_folder_reload (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (IkTeamFolder *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

/* Where file monitors do not see what others write: FUSE (the Flatpak
 * document portal a sandboxed app gets its folder through, sshfs, some
 * sync clients' virtual folders) and network file systems. Returns the
 * polling interval in seconds, 0 for none; *@only when monitors are not
 * to be used at all (IK_TEAM_FOLDER_POLL=SECONDS, for a file system this
 * check does not know). */
static guint
polling_interval (const char *path,
                  gboolean   *only)
{
  static const char * const remote[] = { "fuse", "nfs", "cifs", "smb", "9p", "afs", "ceph", NULL };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_TYPE, NULL, NULL);
  const char *type = info != NULL ? g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_FILESYSTEM_TYPE)
                                  : NULL;

  const char *forced = g_getenv ("IK_TEAM_FOLDER_POLL");
  guint64 seconds;

  *only = FALSE;
  if (forced != NULL && g_ascii_string_to_unsigned (forced, 10, 1, 3600, &seconds, NULL))
    {
      *only = TRUE;
      return (guint) seconds;
    }
  for (guint i = 0; type != NULL && remote[i] != NULL; i++)
    if (g_str_has_prefix (type, remote[i]))
      return POLL_SECONDS;
  return 0;
}

/* A polled re-read says ::changed only when something did change, so an
 * open debrief is not rebuilt (and its popovers closed) every few seconds. */
static gboolean
poll_cb (gpointer user_data)
{
  IkTeamFolder *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gboolean had_error = self->error != NULL;

  if (self->reload_source != 0)
    return G_SOURCE_CONTINUE;
  if (!reload (self, &changed, &error))
    {
      set_error (self, error);
      return G_SOURCE_CONTINUE;
    }
  if (!self->pins_readonly)
    set_error (self, NULL);
  if (changed || had_error)
    g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_CONTINUE;
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  IkTeamFolder *self = user_data;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *other_name = other_file != NULL ? g_file_get_basename (other_file) : NULL;

  /* A temporary file coming and going is not news; renamed into place,
   * it is. */
  if (is_temporary_name (name) && (other_name == NULL || is_temporary_name (other_name)))
    return;
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  schedule_reload (self);
}

static void
update_monitors (IkTeamFolder *self,
                 GPtrArray    *dirs)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *path;

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor;

      path = g_ptr_array_index (dirs, i);
      g_hash_table_add (wanted, (gpointer) path);
      if (g_hash_table_contains (self->monitors, path))
        continue;
      file = g_file_new_for_path (path);
      monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (monitor == NULL)
        {
          g_debug ("Team folder %s not watched: %s", path, error->message);
          continue;
        }
      g_signal_connect_object (monitor, "changed", G_CALLBACK (monitor_changed_cb), self, 0);
      g_hash_table_insert (self->monitors, g_strdup (path), monitor);
    }

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    if (!g_hash_table_contains (wanted, path))
      g_hash_table_iter_remove (&iter);
}

/**
 * ik_team_folder_watch:
 * @self: a team folder
 *
 * Reads the folder and from then on re-reads it shortly after anything in
 * it changes (::changed follows each re-read). A folder on FUSE (the
 * Flatpak document portal) or a network file system, where monitors miss
 * other programs' writes, is also re-read every few seconds, and ::changed
 * follows only when something changed. A failed re-read keeps the
 * previous contents and sets ::error.
 */
void
ik_team_folder_watch (IkTeamFolder *self)
{
  g_autoptr(GPtrArray) dirs = NULL;
  gboolean only;
  guint interval;

  g_return_if_fail (IK_IS_TEAM_FOLDER (self));

  if (self->watching)
    return;
  self->watching = TRUE;
  /* The folder itself first, so that a folder that is not there yet is
   * noticed when it comes (as far as its parent stays). */
  dirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (dirs, g_strdup (self->path));
  interval = polling_interval (self->path, &only);
  if (interval > 0)
    {
      g_debug ("Team folder %s is polled every %u s", self->path, interval);
      self->poll_source = g_timeout_add_seconds (interval, poll_cb, self);
    }
  self->poll_only = only;
  if (!only)
    update_monitors (self, dirs);
  ik_team_folder_reload (self, NULL);
}

/* ---- lists ---- */

/**
 * ik_team_folder_get_scorecards:
 *
 * Returns: (transfer none): every scorecard file (#IkTeamScorecard), all
 *   candidates, by candidate id then interviewer name
 */
GListModel *
ik_team_folder_get_scorecards (IkTeamFolder *self)
{
  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), NULL);
  return G_LIST_MODEL (self->scorecards);
}

/**
 * ik_team_folder_list_candidate:
 * @self: a team folder
 * @candidate_id: a candidate id
 *
 * Returns: (transfer full) (element-type IkTeamScorecard): the candidate's
 *   scorecards, whatever their signature state, by interviewer name
 */
GPtrArray *
ik_team_folder_list_candidate (IkTeamFolder *self,
                               const char   *candidate_id)
{
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), NULL);
  g_return_val_if_fail (candidate_id != NULL, NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->scorecards));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkTeamScorecard) card = g_list_model_get_item (G_LIST_MODEL (self->scorecards), i);

      if (strcmp (ik_team_scorecard_get_candidate_id (card), candidate_id) == 0)
        g_ptr_array_add (result, g_steal_pointer (&card));
    }
  return result;
}

/**
 * ik_team_folder_list_candidate_group:
 * @matches: (nullable): this interviewer's answers to "same candidate?"
 * @candidate_id: a candidate id
 *
 * One candidate's scorecards under every id the user confirmed as theirs
 * (just @candidate_id's without @matches): what a debrief is built from.
 *
 * Returns: (transfer full) (element-type IkTeamScorecard): the scorecards
 */
GPtrArray *
ik_team_folder_list_candidate_group (IkTeamFolder       *self,
                                     IkCandidateMatches *matches,
                                     const char         *candidate_id)
{
  g_auto(GStrv) group = NULL;
  GPtrArray *result;

  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), NULL);
  g_return_val_if_fail (matches == NULL || IK_IS_CANDIDATE_MATCHES (matches), NULL);
  g_return_val_if_fail (candidate_id != NULL, NULL);

  if (matches == NULL)
    return ik_team_folder_list_candidate (self, candidate_id);
  group = ik_candidate_matches_get_group (matches, candidate_id);
  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; group[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) some = ik_team_folder_list_candidate (self, group[i]);

      g_ptr_array_extend_and_steal (result, g_steal_pointer (&some));
    }
  return result;
}

/**
 * ik_team_folder_holds_submission:
 * @session: one of this interviewer's sessions
 *
 * Whether the folder, as last read, holds this interviewer's validly signed
 * scorecard for the session's candidate with the same seal as the
 * session's submitted scorecard: %FALSE for a scorecard submitted before
 * the team folder was chosen, or amended since it was published, or whose
 * published file was altered. %TRUE for a session with nothing to publish
 * (not submitted, no candidate id).
 */
gboolean
ik_team_folder_holds_submission (IkTeamFolder *self,
                                 IkSession    *session)
{
  IkScorecard *scorecard;
  const char *candidate_id;
  const char *own_id;
  guint n;

  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), FALSE);
  g_return_val_if_fail (IK_IS_SESSION (session), FALSE);

  /* Not submitted: nothing to publish, and its body stays on disk. */
  if (ik_session_get_scorecard_submitted (session) == NULL)
    return TRUE;
  scorecard = ik_session_get_scorecard (session);
  candidate_id = ik_session_get_candidate_id (session);
  if (!ik_scorecard_get_read_only (scorecard) || ik_scorecard_get_seal (scorecard) == NULL
      || candidate_id == NULL || candidate_id[0] == '\0')
    return TRUE;

  own_id = ik_identity_get_id (self->identity);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->scorecards));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkTeamScorecard) card = g_list_model_get_item (G_LIST_MODEL (self->scorecards), i);

      if (strcmp (ik_team_scorecard_get_candidate_id (card), candidate_id) == 0
          && g_strcmp0 (ik_team_scorecard_get_interviewer_id (card), own_id) == 0)
        return ik_team_scorecard_get_signature_state (card) == IK_SIGNATURE_VALID
               && g_strcmp0 (ik_scorecard_get_seal (ik_team_scorecard_get_scorecard (card)),
                             ik_scorecard_get_seal (scorecard)) == 0;
    }
  return FALSE;
}

/**
 * ik_team_folder_get_conflicts:
 *
 * Returns: (transfer none): the sync clients' conflict copies
 *   (#IkTeamConflict), by file name
 */
GListModel *
ik_team_folder_get_conflicts (IkTeamFolder *self)
{
  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), NULL);
  return G_LIST_MODEL (self->conflicts);
}

/* ---- comparing a conflict's two versions ---- */

typedef struct
{
  char  *paths[2];          /* original, copy */
  char  *candidate_id;
  char  *interviewer_id;
  char  *pinned_key;        /* copied: the worker does not touch the pins */
  Entry  entries[2];
} ConflictRead;

static void
conflict_read_free (gpointer data)
{
  ConflictRead *read = data;

  for (guint k = 0; k < 2; k++)
    {
      g_free (read->paths[k]);
      g_clear_object (&read->entries[k].card);
      g_free (read->entries[k].checksum);
      g_free (read->entries[k].problem);
    }
  g_free (read->candidate_id);
  g_free (read->interviewer_id);
  g_free (read->pinned_key);
  g_free (read);
}

static void
conflict_read_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ConflictRead *read = task_data;

  for (guint k = 0; k < 2 && !g_cancellable_is_cancelled (cancellable); k++)
    {
      Entry *entry = &read->entries[k];
      IkSignatureState state;

      read_scorecard (entry, read->paths[k], read->candidate_id, read->interviewer_id);
      if (!entry->signature_ok)
        state = IK_SIGNATURE_ALTERED;
      else if (read->pinned_key == NULL)
        state = IK_SIGNATURE_UNKNOWN;
      else if (strcmp (read->pinned_key, ik_team_scorecard_get_public_key (entry->card)) != 0)
        state = IK_SIGNATURE_KEY_CHANGED;
      else
        state = IK_SIGNATURE_VALID;
      ik_team_scorecard_set_signature_state (entry->card, state);
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

/**
 * ik_team_folder_read_conflict_async:
 * @conflict: one of the folder's conflicts
 *
 * Reads both versions of @conflict in a worker thread, as
 * ik_team_folder_reload() would read the original: each is checked against
 * its signature and the key pinned for its interviewer, so the user can see
 * which version is genuine before keeping one.
 */
void
ik_team_folder_read_conflict_async (IkTeamFolder        *self,
                                    IkTeamConflict      *conflict,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  ConflictRead *read;

  g_return_if_fail (IK_IS_TEAM_FOLDER (self));
  g_return_if_fail (IK_IS_TEAM_CONFLICT (conflict));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_team_folder_read_conflict_async);
  read = g_new0 (ConflictRead, 1);
  read->paths[0] = g_strdup (conflict->original_path);
  read->paths[1] = g_strdup (conflict->copy_path);
  dir = g_path_get_dirname (conflict->original_path);
  read->candidate_id = g_path_get_basename (dir);
  base = g_path_get_basename (conflict->original_path);
  read->interviewer_id = id_of_file_name (base);
  if (read->interviewer_id == NULL)
    read->interviewer_id = g_strdup ("");
  read->pinned_key = g_strdup (g_hash_table_lookup (self->pins, read->interviewer_id));
  g_task_set_task_data (task, read, conflict_read_free);
  g_task_run_in_thread (task, conflict_read_thread);
}

/**
 * ik_team_folder_read_conflict_finish:
 * @original: (out) (transfer full) (nullable): the original, %NULL if it
 *   cannot be read
 * @original_problem: (out) (transfer full) (nullable): why not
 * @copy: (out) (transfer full) (nullable): the copy, or %NULL
 * @copy_problem: (out) (transfer full) (nullable): why not
 *
 * Returns: %FALSE only when cancelled (with @error set)
 */
gboolean
ik_team_folder_read_conflict_finish (IkTeamFolder     *self,
                                     GAsyncResult     *result,
                                     IkTeamScorecard **original,
                                     char            **original_problem,
                                     IkTeamScorecard **copy,
                                     char            **copy_problem,
                                     GError          **error)
{
  ConflictRead *read;
  IkTeamScorecard **cards[2] = { original, copy };
  char **problems[2] = { original_problem, copy_problem };

  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_team_folder_read_conflict_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  read = g_task_get_task_data (G_TASK (result));
  for (guint k = 0; k < 2; k++)
    {
      Entry *entry = &read->entries[k];
      gboolean readable = entry->problem == NULL;

      *cards[k] = readable ? g_object_ref (entry->card) : NULL;
      *problems[k] = readable ? NULL : g_strdup (entry->problem);
    }
  return TRUE;
}

/**
 * ik_team_folder_resolve_conflict:
 * @self: a team folder
 * @conflict: one of its conflicts
 * @keep_copy: %TRUE to put the copy in place of the original, %FALSE to
 *   keep the original
 * @error: return location for an error
 *
 * Keeps one side of a conflict and removes the copy, then re-reads the
 * folder. The original must still be what the last re-read found (the
 * user compared that), else nothing changes and the call fails with
 * G_IO_ERROR_WRONG_ETAG.
 *
 * Returns: %TRUE on success
 */
gboolean
ik_team_folder_resolve_conflict (IkTeamFolder    *self,
                                 IkTeamConflict  *conflict,
                                 gboolean         keep_copy,
                                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  Entry *entry;
  Expect expect = { 0 };
  guint position;

  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), FALSE);
  g_return_val_if_fail (IK_IS_TEAM_CONFLICT (conflict), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_list_store_find (self->conflicts, conflict, &position))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This conflict is no longer listed"));
      return FALSE;
    }

  entry = g_hash_table_lookup (self->entries, conflict->original_path);
  expect.exists = entry != NULL;
  if (entry != NULL)
    expect.stamp = entry->stamp;
  if (!still_expected (conflict->original_path, &expect))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("“%s” changed since it was read; nothing was replaced"), conflict->original_path);
      return FALSE;
    }

  if (keep_copy)
    {
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!ik_file_store_read (conflict->copy_path, IK_LIMIT_FILE_SIZE, &data, &len, &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Could not read “%s”: %s"), conflict->copy_path, local_error->message);
          return FALSE;
        }
      if (!write_shared_file (conflict->original_path, data, len, &expect, error))
        return FALSE;
    }

  if (g_unlink (conflict->copy_path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not remove “%s”: %s"), conflict->copy_path, g_strerror (saved_errno));
      return FALSE;
    }
  g_debug ("Conflict %s resolved (%s kept)", conflict->copy_path, keep_copy ? "copy" : "original");

  ik_team_folder_reload (self, NULL);
  return TRUE;
}

/**
 * ik_team_folder_get_pinned_key:
 *
 * Returns: (nullable): the key pinned for @interviewer_id
 */
const char *
ik_team_folder_get_pinned_key (IkTeamFolder *self,
                               const char   *interviewer_id)
{
  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), NULL);
  g_return_val_if_fail (interviewer_id != NULL, NULL);
  return g_hash_table_lookup (self->pins, interviewer_id);
}

/**
 * ik_team_folder_get_person_name:
 *
 * Returns: (nullable): the name in @interviewer_id's people file, if it is
 *   signed by their pinned key
 */
const char *
ik_team_folder_get_person_name (IkTeamFolder *self,
                                const char   *interviewer_id)
{
  g_return_val_if_fail (IK_IS_TEAM_FOLDER (self), NULL);
  g_return_val_if_fail (interviewer_id != NULL, NULL);
  return g_hash_table_lookup (self->names, interviewer_id);
}
