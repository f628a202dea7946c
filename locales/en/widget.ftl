### English: the volunteer app (the console shares these). Project Fluent; { $name } is a placeholder.
app-title = Baodao
app-tagline = Volunteer check-in
lang-switch = 中文
status-saved = Saved on this phone
status-syncing = Syncing…
status-synced = Synced
status-rejected = Not accepted: { $reason }
status-flagged = Synced, waiting for the venue lead to review
status-offline = No connection right now. Your records are saved on this phone and will upload when you are back online.
status-pending = { $count } records waiting to upload
sync-now = Sync now
checkin-loading = Loading the venue…
checkin-venue = Venue
checkin-button = Check in
checkout-button = Check out
checkin-done = Checked in
checkout-done = Checked out
checkin-at = Checked in at { $time }
checkout-at = Checked out at { $time }
checkout-confirm_question = Check out now?
checkout-cancel = Cancel
checkin-move = Check out at { $venue } and check in here
checkin-open_elsewhere = You are still checked in at { $venue }.
checkin-moved = Checked out at { $venue }.
checkin-history = My check-ins
checkin-none = No check-ins yet. Scan the QR code at your venue with your phone.
profile-title = First time here: tell us who you are
profile-intro = This is kept on this phone so you do not have to type it again.
profile-name = Name
profile-mobile = Mobile number
profile-organisation = Organisation
profile-organisation_pick = Choose or type your organisation
profile-save = Save and continue
profile-edit = Edit my details
profile-who = { $name } ({ $organisation }), mobile { $mobile }
error-not_baodao = Not a Baodao check-in code. Scan the code shown at your venue.
error-missing_code = The link has no venue in it. Scan the venue's QR code again.
error-malformed_code = The QR code is incomplete or damaged. Scan it again, or ask the venue lead for help.
error-unknown_venue = This venue was not found. The code may be out of date; please ask the venue lead.
error-unknown_event = This event was not found. The code may be out of date; please ask the venue lead.
error-code_mismatch = The code does not match the venue. Please scan again.
error-name_empty = Please enter your name.
error-name_too_long = That name is too long (at most 40 characters). Please check it and type it again.
error-name_invalid = The name contains characters we cannot use; please retype it.
error-mobile_invalid = Enter an 11-digit mainland China mobile number, e.g. 13812345678.
error-organisation_empty = Please choose or enter your organisation.
error-organisation_not_chosen = Tap your organisation in the list, or “My organisation is not listed”.
error-organisation_too_long = That organisation name is too long (at most 80 characters). Please use a shorter name.
error-organisation_invalid = The organisation name contains characters we cannot use; please retype it.
error-code_too_long = The code is too long to be a venue code. Scan the venue's QR code again, or type its short code.
error-time_out_of_range = Your phone's clock is wrong; please check its date and time.
error-storage = This phone could not save the record (storage full or disabled). Free some space and try again, or ask the venue lead to check you in.
error-network = Cannot reach the server right now. Check your connection (Wi-Fi or mobile data) and try again; saved check-ins are not lost.
error-server = The server had a problem. Try again in a few minutes; if it keeps happening, ask the venue lead.
error-unknown = Something went wrong ({ $reason }). Please try again; if it still fails, show this message to the venue lead.
home-scan_hint = To check in, scan your venue's QR code with WeChat's scanner or your phone's camera.

## Scan screen (src/pages/scan.rs; the screen's own texts are in scan.ftl)
home-scan_button = Scan to check in
scan-title = Scan the QR code
scan-load_failed = The scanner could not be loaded. Check your connection and try again, or type the venue's short code below.

## Signed venue codes, short codes (src/pages/checkin)
error-code_bad_signature = This QR code could not be verified: it was not issued for this event. Scan the code at your venue, or ask the venue lead.
error-code_wrong_event = This QR code belongs to another event, not to this one. Scan the code of the venue you are at.
error-code_expired = This QR code has expired. If it is on a screen, scan the code shown now; if your phone's date or time is wrong, correct it and try again.
error-code_not_yet_valid = This QR code is not valid yet. Please check that your phone's date and time are correct, then scan again.
error-code_unknown_version = This QR code is newer than this page. Reload the page (or clear the cache) and scan again.
error-code_truncated = Only part of the QR code was read. Hold the phone steady and scan it again.
error-code_garbage = The QR code is damaged or unreadable. Scan it again, or type the venue's short code.
error-code_key_revoked = This QR code has been withdrawn by the organiser. Scan the venue's new code, or ask the venue lead.
error-code_key_unknown = This QR code cannot be checked yet. Connect to the internet and scan again, or ask the venue lead.
error-code_unsigned = This is an old-style check-in code that is no longer accepted. Scan the venue's current QR code.
error-event_keys_missing = This phone needs to connect to the internet once to check venue codes. Connect and scan again.
error-short_code_length = A venue short code has 8 letters and digits, e.g. ABCD-EFGH. Please check it.
error-short_code_character = Short codes never contain 0, O, 1, I or L. Please check the code on the poster.
error-short_code_typo = This code has a typo. Please compare it with the poster letter by letter.
error-short_code_unknown = No venue has this code. Check it with the poster, or connect to the internet and try again.
error-short_code_entry = Checked in with a typed code; the venue lead will confirm it.
error-code_slot_far_from_device_time = The screen's code did not match the time of the check-in; the venue lead will review it.
error-code_outside_validity = The check-in time is outside the code's dates; the venue lead will review it.
error-no_active_key = The organiser has withdrawn all codes of this event; new ones are being prepared. Scan again in a few minutes, or ask the venue lead to check you in.
home-type_code = Cannot scan? Type the venue's short code
checkin-type_code = Type the venue's short code instead
checkin-error_title = Cannot check in
shortcode-title = Type the venue's short code
shortcode-intro = The 8-character code is printed under the venue's QR code (and on the venue's screen), e.g. ABCD-EFGH.
shortcode-label = Venue short code
shortcode-submit = Continue

## Inside WeChat (src/wechat/)
wechat-camera_hint = If the camera does not open: tap "Take a photo of the QR code" or type the venue's short code; or tap "…" at the top right and choose "Open in Browser".

## Elder mode (src/elder_mode.rs)
elder-switch = Large text
elder-switch_label = Large text mode: bigger text and buttons

## Offline outbox and sync (src/components/sync_banner.rs, update_prompt.rs)
status-last_sync = Last synced { $time }
status-cache_warning = Records that have not uploaded yet exist only on this phone. Do not clear WeChat's cache or log out of WeChat until they have uploaded.
status-fallback = This browser's safe storage is unavailable (private mode or a restricted in-app browser), so records are kept in a simpler, less safe store. Keep this page open until they have uploaded, or open the page in a normal browser.
update-available = A new version is available
update-reload = Reload
error-unauthenticated = This page needs your venue lead or organiser link. Open the link the organiser sent you again, or ask for a new one.
error-forbidden = Your link does not cover this venue. Open the link for this venue, or ask the organiser.

## Volunteer: personal-information notice, organisation search, my details, forget me, service hours
profile-edit_title = Edit my details
profile-organisation_type = Type the full name of your organisation.
organisation-search_hint = Type a few characters of the name, or its pinyin initials (bjdx for 北京大学), then tap your organisation below.
organisation-tap = Tap your organisation:
organisation-none = Nothing found for “{ $query }”. Type fewer letters or the pinyin initials, or tap “My organisation is not listed”.
organisation-more = { $count } more match; type a few more characters.
organisation-picked = Selected: { $name }
organisation-not_listed = My organisation is not listed
privacy-title = Your personal information
privacy-intro = Before you check in, please take a minute to see how we use your information.
privacy-what_label = What we collect
privacy-what = Your name, mobile number and organisation, and the place and time of each check-in and check-out.
privacy-why_label = What for
privacy-why = Only for this event: to record when you arrive and leave, count your service hours, and let the venue lead contact you if needed.
privacy-who_label = Who sees it
privacy-who = The event's organiser, and the lead of the venue where you serve (leads see your mobile number with its middle four digits hidden). Nobody else.
privacy-how_long_label = How long we keep it
privacy-how_long = { $days } days after the event ends; then it is deleted from the server and from this phone.
privacy-how_long_unknown = For the number of days the organiser set after the event ends; then it is deleted from the server and from this phone. Connect to the internet to see the exact number.
privacy-phone_label = On this phone
privacy-phone = Your details are also kept on this phone so you need not type them again. You can read this notice again on the home screen at any time, or delete them with “Forget me on this phone”.
privacy-accept = I understand and agree
privacy-decline = I do not agree
privacy-declined = That is fine. Without agreeing you cannot check in with your phone: please ask the venue lead to sign you in on paper. If you change your mind, tap “I understand and agree” above.
privacy-review = Your personal information (what is collected, who sees it, how long it is kept)
details-title = My details
details-edit_hint = To change your details, tap “Edit my details” the next time you scan a venue's code.
forget-button = Forget me on this phone
forget-confirm = Delete now? This removes your name, mobile number, organisation and { $count } check-in records from this phone. Records already on the server stay with the organiser for the period above.
forget-yes = Yes, delete
forget-no = Cancel
forget-refused = Not yet: { $count } check-in records have not reached the server, and deleting them now would lose them. Connect to the internet, tap “Sync now”, and delete once every record shows “Synced”.
forget-now_synced = All records are on the server now; you can delete.
forget-failed = This phone could not delete your details (a storage error). Please try again; if it still fails, clear this site's data in the browser's settings.
forget-done = Your details and check-in records have been removed from this phone.
hours-title = My service hours
hours-duration = { $hours } h { $minutes } min
hours-this_event = This event
hours-visit = This visit: { $duration }
hours-no_checkin = No check-in found for this check-out, so it counts no hours. If this is wrong, please ask the venue lead.
hours-open = Serving now: { $venue }, checked in at { $time }. The hours count once you check out.
hours-rule = How this is counted: each check-in and the next check-out at the same venue make one visit; a check-in elsewhere ends the visit at that moment. A check-in without a check-out, or one followed by another check-in at the same venue, counts no hours. Counted from this phone's records; the organiser's figures are the official ones.

## Server answers any page can get (src/user_error.rs)
error-rate_limited = Too many attempts. Wait a minute, then try again.
error-too_large = The file or request is too large. Split it into smaller files and try again.
error-cross_origin = This request came from another site and was refused. Open the console from its own address.
error-not_found = Not found: it may have been deleted. Reload the page.
