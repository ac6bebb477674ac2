<?php
/**
 * Plugin Name:       Infusion check
 * Description:       A symptom self-check for patients after an IV drip: danger signs first, then one plain question per screen, and whether to rest at home, call the clinic or call the emergency number. Runs entirely in the patient's browser; nothing they enter is sent anywhere. Place it with the "Infusion check" block or the [infusion_check] shortcode; set your clinic's details under Settings → Infusion check.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            The infusion-check authors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       infusion-check
 *
 * @package InfusionCheck
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'INFUSION_CHECK_VERSION', '0.1.0' );
define( 'INFUSION_CHECK_FILE', __FILE__ );

require_once __DIR__ . '/includes/class-infusion-check-rules.php';
require_once __DIR__ . '/includes/class-infusion-check-settings.php';
require_once __DIR__ . '/includes/class-infusion-check-render.php';

Infusion_Check_Settings::hooks();
Infusion_Check_Render::hooks();
