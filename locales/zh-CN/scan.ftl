### 简体中文：扫码页面（scanner-ui/，随其按需加载）。
scan-starting = 正在打开摄像头…
scan-hint = 将场地二维码放入框内
scan-denied = 摄像头权限被拒绝，无法扫码。
scan-denied_how = 请点击地址栏旁的摄像头或锁形图标，允许使用摄像头后点“重试”；或在手机“设置”中允许浏览器使用相机。也可以用下面的“拍照识别”或输入场地短码。
scan-denied_wechat = 在微信中：点右上角“…”→“在浏览器打开”后再扫码；或在手机“设置”→“微信”中允许使用摄像头。也可以用下面的“拍照识别”或输入场地短码。
scan-no_camera = 没有找到可用的摄像头。请用“拍照识别”或输入场地短码。
scan-busy = 摄像头正被其他应用占用。请关闭其他使用相机的应用后点“重试”。
scan-insecure = 摄像头只能在安全连接（HTTPS）下使用。请通过 https:// 开头的地址打开本页，或用“拍照识别”。
scan-camera_failed = 无法打开摄像头。请点“重试”，或用“拍照识别”。
scan-retry = 重试
scan-torch = 手电筒
scan-sound_on = 提示音：开
scan-sound_off = 提示音：关
scan-photo = 拍照识别二维码
scan-photo_reading = 正在识别照片…
scan-photo_none = 照片中没有找到二维码。请靠近一些、对准二维码再拍一张。
scan-type_code = 无法扫码？输入场地短码
