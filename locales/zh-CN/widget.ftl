### 简体中文：志愿者应用（控制台共用）。Project Fluent 格式；{ $name } 为占位符。
app-title = 报到
app-tagline = 志愿者签到
lang-switch = English
status-saved = 已保存在手机上
status-syncing = 正在同步…
status-synced = 已同步
status-rejected = 未被接受：{ $reason }
status-flagged = 已同步，待负责人核对
status-offline = 暂时没有网络，记录已保存在手机上，联网后会自动上传。
status-pending = 还有 { $count } 条记录等待上传
sync-now = 立即同步
checkin-loading = 正在加载场馆信息…
checkin-venue = 服务地点
checkin-button = 签到
checkout-button = 签退
checkin-done = 已签到
checkout-done = 已签退
checkin-at = { $time } 签到
checkout-at = { $time } 签退
checkout-confirm_question = 确定签退吗？
checkout-cancel = 取消
checkin-move = 在{ $venue }签退，并在这里签到
checkin-open_elsewhere = 您在{ $venue }还没有签退。
checkin-moved = 已在{ $venue }签退。
checkin-history = 我的签到记录
checkin-none = 还没有签到记录。请用手机扫描服务地点的二维码。
profile-title = 首次使用，请填写信息
profile-intro = 这些信息会保存在本手机上，下次签到无需再填。
profile-name = 姓名
profile-mobile = 手机号码
profile-organisation = 所属单位
profile-organisation_pick = 请选择或输入单位
profile-save = 保存并继续
profile-edit = 修改我的信息
profile-who = { $name }（{ $organisation }），手机 { $mobile }
error-not_baodao = 这不是报到签到码。请扫描服务地点张贴或展示的二维码。
error-missing_code = 链接中没有场馆信息。请重新扫描服务地点的二维码。
error-malformed_code = 二维码内容不完整或已损坏。请重新扫描，或请现场负责人帮忙。
error-unknown_venue = 找不到这个服务地点。二维码可能已过期，请联系现场负责人。
error-unknown_event = 找不到这次活动。二维码可能已过期，请联系现场负责人。
error-code_mismatch = 签到码与场馆不符，请重新扫描。
error-name_empty = 请填写姓名。
error-name_too_long = 姓名太长（最多 40 个字），请检查后重新输入。
error-name_invalid = 姓名中有无法识别的字符，请重新输入。
error-mobile_invalid = 请输入 11 位中国大陆手机号码，例如 13812345678。
error-organisation_empty = 请选择或填写所属单位。
error-organisation_not_chosen = 请点选列表中的单位，或点“我的单位不在列表中”。
error-organisation_too_long = 单位名称太长（最多 80 个字），请改用简称。
error-organisation_invalid = 单位名称中有无法识别的字符，请重新输入。
error-code_too_long = 签到码太长，无法识别。请重新扫描服务地点的二维码，或输入场地短码。
error-time_out_of_range = 手机时间不正确，请检查手机的日期和时间。
error-storage = 手机无法保存记录（存储空间不足或被禁用）。请清理空间后重试，或请现场负责人代为签到。
error-network = 暂时连不上服务器。请检查网络（Wi-Fi 或移动数据）后重试；已保存的签到记录不会丢失。
error-server = 服务器出错了。请过几分钟再试；如果一直这样，请联系现场负责人。
error-unknown = 出了点问题（{ $reason }）。请重试；如果还不行，请把这条信息告诉现场负责人。
home-scan_hint = 请用微信“扫一扫”或手机相机扫描服务地点的二维码来签到。

## Scan screen (src/pages/scan.rs; the screen's own texts are in scan.ftl)
home-scan_button = 扫码报到
scan-title = 扫描场地二维码
scan-load_failed = 扫码功能加载失败，请检查网络后重试，或点下方输入场地短码。

## 签名签到码、短码（src/pages/checkin）
error-code_bad_signature = 这个二维码无法验证，不是本活动发出的签到码。请扫描服务地点现场的二维码，或联系现场负责人。
error-code_wrong_event = 这个二维码属于其他活动，不是本次活动的签到码。请扫描您所在服务地点的二维码。
error-code_expired = 这个二维码已过期。如果是屏幕上的二维码，请扫描屏幕当前显示的；如果手机日期或时间不对，请改正后重试。
error-code_not_yet_valid = 这个二维码还未生效。请检查手机的日期和时间是否正确，然后重新扫描。
error-code_unknown_version = 这个二维码比当前页面新。请刷新页面（或清除缓存）后重新扫描。
error-code_truncated = 只读到了二维码的一部分。请拿稳手机，重新扫描。
error-code_garbage = 二维码已损坏或无法识别。请重新扫描，或输入场地短码。
error-code_key_revoked = 这个二维码已被主办方停用。请扫描服务地点的新二维码，或联系现场负责人。
error-code_key_unknown = 暂时无法核验这个二维码。请连上网络后重新扫描，或联系现场负责人。
error-code_unsigned = 这是旧版签到码，已不再使用。请扫描服务地点现在的二维码。
error-event_keys_missing = 这部手机需要先联网一次，才能核验签到码。请连上网络后重新扫描。
error-short_code_length = 场地短码由 8 个字母和数字组成，例如 ABCD-EFGH。请检查。
error-short_code_character = 短码中不会出现 0、O、1、I、L。请对照海报检查。
error-short_code_typo = 短码有输入错误。请对照海报逐个字符检查。
error-short_code_unknown = 没有服务地点使用这个短码。请对照海报检查，或连上网络后重试。
error-short_code_entry = 通过输入短码签到，现场负责人将进行确认。
error-code_slot_far_from_device_time = 屏幕二维码与签到时间不符，现场负责人将进行核查。
error-code_outside_validity = 签到时间不在二维码的有效日期内，现场负责人将进行核查。
error-no_active_key = 主办方已停用本次活动的全部签到码，新的签到码正在准备中。请过几分钟重新扫描，或请现场负责人帮您签到。
home-type_code = 扫不了码？输入场地短码
checkin-type_code = 改为输入场地短码
checkin-error_title = 无法签到
shortcode-title = 输入场地短码
shortcode-intro = 短码印在服务地点二维码的下方（现场屏幕上也有），共 8 位，例如 ABCD-EFGH。
shortcode-label = 场地短码
shortcode-submit = 继续

## 微信内（src/wechat/）
wechat-camera_hint = 如果相机打不开：请点“拍照识别二维码”，或输入场地短码；也可以点右上角“…”，选择“在浏览器打开”。

## 长辈模式（src/elder_mode.rs）
elder-switch = 长辈模式
elder-switch_label = 长辈模式：更大的字和按钮

## Offline outbox and sync (src/components/sync_banner.rs, update_prompt.rs)
status-last_sync = 上次同步：{ $time }
status-cache_warning = 尚未上传的记录只保存在这部手机上。上传完成前，请不要清除微信缓存或退出微信登录。
status-fallback = 此浏览器无法使用安全存储（可能是无痕模式或受限的内置浏览器），记录暂存在较不安全的位置。请保持此页面打开直到上传完成，或在普通浏览器中打开本页。
update-available = 有新版本可用
update-reload = 刷新
error-unauthenticated = 此页面需要场馆负责人或组织者链接。请重新打开组织者发给您的链接，或请组织者发一个新的。
error-forbidden = 您的链接不包含这个场馆。请打开该场馆的链接，或联系组织者。

## 志愿者：个人信息说明、单位搜索、我的信息、忘记我、服务时长
profile-edit_title = 修改我的信息
profile-organisation_type = 请输入单位全称。
organisation-search_hint = 输入单位名称中的几个字，或拼音首字母（如“北京大学”输入 bjdx），再点选下面的单位。
organisation-tap = 请点选您的单位：
organisation-none = 没有找到“{ $query }”。请少输几个字，或换成拼音首字母；不在名单里的单位，请点“我的单位不在列表中”，填写全称后点“保存并继续”。
organisation-more = 还有 { $count } 个单位符合，请再多输入几个字。
organisation-picked = 已选择：{ $name }
organisation-not_listed = 我的单位不在列表中
privacy-title = 个人信息说明
privacy-intro = 签到前，请花一分钟了解我们如何使用您的信息。
privacy-what_label = 收集哪些信息
privacy-what = 您的姓名、手机号码、所属单位，以及每次签到、签退的地点和时间。
privacy-why_label = 用来做什么
privacy-why = 只用于本次活动：记录您到岗和离开、计算服务时长，以及现场负责人需要时联系您。
privacy-who_label = 谁能看到
privacy-who = 本次活动的组织方，以及您所在服务地点的负责人（负责人看到的手机号码中间四位是隐藏的）。不会提供给其他人。
privacy-how_long_label = 保存多久
privacy-how_long = 活动结束后保存 { $days } 天，然后从服务器和这部手机上删除。
privacy-how_long_unknown = 活动结束后按组织方规定的天数保存，然后从服务器和这部手机上删除。联网后这里会显示具体天数。
privacy-phone_label = 在这部手机上
privacy-phone = 您的信息也保存在这部手机上，下次不用再填。您可以随时在首页再看这份说明，或点“在这部手机上忘记我”删除。
privacy-accept = 我已了解，同意并继续
privacy-decline = 我不同意
privacy-declined = 没关系。不同意就不能用手机签到，请找现场负责人进行纸质登记。如果改变主意，请点上面的“我已了解，同意并继续”。
privacy-review = 个人信息说明（收集什么、谁能看到、保存多久）
details-title = 我的信息
details-edit_hint = 要修改信息，请在下次扫码签到时点“修改我的信息”。
forget-button = 在这部手机上忘记我
forget-confirm = 确定删除吗？将从这部手机上删除您的姓名、手机号码、单位和 { $count } 条签到记录。已上传到服务器的记录仍由活动组织方按期限保存。
forget-yes = 确定删除
forget-no = 取消
forget-refused = 现在还不能删除：还有 { $count } 条签到记录没有上传到服务器，删除会让这些记录丢失。请连上网络，点“立即同步”，等全部显示“已同步”后再删除。
forget-now_synced = 记录已全部上传，现在可以删除了。
forget-failed = 手机没能删除这些信息（存储出错）。请再试一次；如果还不行，可以在浏览器设置中清除本网站的数据。
forget-done = 已从这部手机上删除您的信息和签到记录。
hours-title = 我的服务时长
hours-duration = { $hours } 小时 { $minutes } 分钟
hours-this_event = 本次活动
hours-visit = 本次服务 { $duration }
hours-no_checkin = 没有找到这次签退对应的签到，本次不计时长。如有疑问，请联系现场负责人。
hours-open = 正在服务：{ $venue }，{ $time } 签到。签退后计入时长。
hours-rule = 计算方法：每次签到与之后在同一地点的签退算一次服务；在别处签到时，之前那一次在这一刻结束。没有签退的签到，以及再次签到前没有签退的那一次，都不计时长。以手机上的记录计算，以组织方的统计为准。

## 任何页面都可能收到的服务器答复（src/user_error.rs）
error-rate_limited = 尝试次数过多。请等一分钟再试。
error-too_large = 文件或请求过大。请拆分成较小的文件后重试。
error-cross_origin = 此请求来自其他网站，已被拒绝。请从管理台自己的网址打开。
error-not_found = 未找到，可能已被删除。请刷新页面。
